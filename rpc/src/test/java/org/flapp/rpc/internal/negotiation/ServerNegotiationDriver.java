package org.flapp.rpc.internal.negotiation;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.flapp.rpc.TubIdentity;

/**
 * The accepting side's negotiation in an EmbeddedChannel, for the negotiation fuzz target
 * (org.flapp.rpc.fuzz): the real {@link ServerPlaintextHandler}, then, once it has upgraded, the
 * real {@link TlsNegotiationHandler} without TLS (a fixed peer certificate stands for the one the
 * handshake would have proven), so that the hello and decision blocks can be fed in plaintext.
 */
public final class ServerNegotiationDriver {
    private final TestHost host;
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final NegotiationAttempt plaintextAttempt;
    private NegotiationAttempt tlsAttempt;

    /**
     * @param server our identity
     * @param afterwards the handler the Tub would add once negotiation is done (null: none)
     */
    public ServerNegotiationDriver(TubIdentity server, Function<NegotiatedConnection, ChannelHandler> afterwards) {
        host = new TestHost(server, "0123456789abcdef");
        host.handlerFactory = afterwards;
        plaintextAttempt = NegotiationAttempt.accepting(host);
        channel.pipeline().addLast(deferredClose);
        channel.pipeline().addLast(Negotiation.PLAINTEXT_HANDLER, new ServerPlaintextHandler(plaintextAttempt, Duration.ofSeconds(30)));
    }

    /**
     * EmbeddedChannel tears its pipeline down inside close() (it runs every pending task there); a
     * socket channel does that in a later event-loop task, and the negotiation handlers count on it
     * (they remove themselves after passing on the bytes that follow, which may make the next
     * handler close). So closes wait until {@link #runDeferredCloses}, called between writes.
     */
    private static final class DeferredClose extends ChannelOutboundHandlerAdapter {
        private final List<Runnable> pending = new ArrayList<>();

        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
            pending.add(() -> ctx.close(promise));
        }

        void run() {
            List<Runnable> now = new ArrayList<>(pending);
            pending.clear();
            now.forEach(Runnable::run);
        }
    }

    private final DeferredClose deferredClose = new DeferredClose();

    /** Carries out the closes asked for since the last call. */
    public void runDeferredCloses() {
        deferredClose.run();
    }

    /** Makes the host hold a live connection to {@code peerTubId}, as after an earlier connection. */
    public void existingConnection(String peerTubId, String peerIncarnation, String currentConnection) {
        host.live.put(peerTubId, new ExistingConnection(peerIncarnation, currentConnection));
    }

    public EmbeddedChannel channel() {
        return channel;
    }

    /** True once the plaintext handler has answered 101 and installed the TLS handlers. */
    public boolean upgraded() {
        return channel.pipeline().get(Negotiation.TLS_HANDLER) != null;
    }

    /**
     * Replaces the TLS handler and its negotiation handler by a negotiation handler that sees
     * {@code peerCertificate} as the peer's, and tells it the handshake is done (so it sends our hello).
     */
    public void skipTls(X509Certificate peerCertificate) {
        tlsAttempt = NegotiationAttempt.accepting(host);
        // first a stand-in that swallows the failed-handshake event the TLS handler fires on removal
        channel.pipeline().replace(Negotiation.NEGOTIATION_HANDLER, Negotiation.NEGOTIATION_HANDLER,
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        // dropped: the real handler comes next
                    }
                });
        channel.pipeline().remove(Negotiation.TLS_HANDLER);
        channel.pipeline().replace(Negotiation.NEGOTIATION_HANDLER, Negotiation.NEGOTIATION_HANDLER,
                new TlsNegotiationHandler(tlsAttempt, ctx -> peerCertificate));
        channel.pipeline().fireUserEventTriggered(SslHandshakeCompletionEvent.SUCCESS);
    }

    /** True while a negotiation handler is still in the pipeline. */
    public boolean negotiating() {
        return channel.pipeline().get(Negotiation.PLAINTEXT_HANDLER) != null
                || channel.pipeline().get(Negotiation.NEGOTIATION_HANDLER) != null;
    }

    /** True when the current phase's attempt has ended (succeeded or failed). */
    public boolean attemptDone() {
        return tlsAttempt != null ? tlsAttempt.isDone() : plaintextAttempt.isDone();
    }

    /** The negotiated connection handed to the host, or null. */
    public NegotiatedConnection negotiated() {
        TestHost.Ready ready = host.ready.peek();
        return ready == null ? null : ready.connection();
    }
}
