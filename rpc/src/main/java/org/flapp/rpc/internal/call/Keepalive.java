package org.flapp.rpc.internal.call;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.math.BigInteger;
import java.time.Duration;
import org.flapp.rpc.internal.banana.TokenWriter;
import org.flapp.rpc.internal.banana.VocabTable;
import org.flapp.rpc.internal.clock.ConnectionClock;

/**
 * Sends a Banana PING when nothing has been received for {@code interval}, and again after each
 * further interval of silence, as Foolscap's keepalive does: the peer's PONG (or anything else it
 * sends) shows the connection is alive, and the traffic keeps NAT and firewall state open.
 *
 * <p>One per channel; its clock and timers come from a {@link ConnectionClock} (the event loop's
 * in production, a manual one in tests). Event loop only.
 */
public final class Keepalive extends ChannelInboundHandlerAdapter {
    private final Duration interval;
    private final ConnectionClock clock;
    private ConnectionClock.Timer timer;
    private long lastRead;
    private boolean reading;

    public Keepalive(Duration interval, ConnectionClock clock) {
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        lastRead = clock.nanoTime();
        if (ctx.channel().isActive()) {
            timer = clock.schedule(ctx.channel().eventLoop(), interval, () -> check(ctx));
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (reading) {
            lastRead = clock.nanoTime();
            reading = false;
        }
        ctx.fireChannelReadComplete();
    }

    private void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void check(ChannelHandlerContext ctx) {
        if (timer == null || !ctx.channel().isActive()) {
            return;
        }
        long intervalNanos = interval.toNanos();
        long idle = clock.nanoTime() - lastRead;
        if (reading || idle < intervalNanos) {
            timer = clock.schedule(ctx.channel().eventLoop(),
                    Duration.ofNanos(reading ? intervalNanos : intervalNanos - idle), () -> check(ctx));
            return;
        }
        timer = clock.schedule(ctx.channel().eventLoop(), interval, () -> check(ctx));
        ByteBuf ping = ctx.alloc().buffer(1);
        new TokenWriter(ping, VocabTable.TABLE_0).writePing(BigInteger.ZERO);
        ctx.writeAndFlush(ping, ctx.voidPromise());
    }
}
