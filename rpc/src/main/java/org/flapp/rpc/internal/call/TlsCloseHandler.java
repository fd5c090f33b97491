package org.flapp.rpc.internal.call;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslCloseCompletionEvent;

/**
 * Closes the socket when the peer ends TLS (close_notify): it sends nothing more, and a Twisted
 * peer waits for us to close the socket before it considers the connection gone.
 */
@ChannelHandler.Sharable
public final class TlsCloseHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslCloseCompletionEvent) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }
}
