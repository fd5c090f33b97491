package org.flapp.rpc.internal.negotiation;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.proxy.ProxyConnectException;
import io.netty.handler.proxy.Socks5ProxyHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.flapp.rpc.NegotiationException.Reason;

/**
 * A connection through a SOCKS5 proxy (a Tor SOCKS port, for {@code tor:} hints): Netty's
 * {@link Socks5ProxyHandler} first in the pipeline, which connects to the proxy, asks it for the
 * hint's host and port, and holds back the plaintext request until the proxy has connected; and
 * a handler after it that words the proxy's refusal as a connect failure of the attempt.
 */
final class SocksRoute {
    private SocksRoute() {}

    static void install(Channel ch, InetSocketAddress proxy, NegotiationAttempt attempt, Duration remaining) {
        Socks5ProxyHandler socks = new Socks5ProxyHandler(proxy);
        socks.setConnectTimeoutMillis(Math.max(1, remaining.toMillis()));
        ch.pipeline().addLast(socks, new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                if (cause instanceof ProxyConnectException) {
                    attempt.failed(Reason.PROXY, "the SOCKS proxy at " + address(proxy)
                            + " could not connect to it: " + cause.getMessage(), cause);
                    ctx.close();
                    return;
                }
                ctx.fireExceptionCaught(cause);
            }
        });
    }

    /** The start of the message when the proxy itself cannot be reached. */
    static String cannotReachProxy(InetSocketAddress proxy) {
        return "cannot connect to the Tor SOCKS proxy at " + address(proxy)
                + " (is Tor running there? FOOLSCAP_TOR_SOCKS_PORT names another): ";
    }

    private static String address(InetSocketAddress proxy) {
        String host = proxy.getAddress() == null ? proxy.getHostString() : proxy.getAddress().getHostAddress();
        return host + ":" + proxy.getPort();
    }
}
