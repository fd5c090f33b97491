package org.flapp.rpc.internal.tub;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.flapp.rpc.internal.clock.ConnectionClock;
import org.flapp.rpc.internal.message.PbMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits between the Banana decoder and the Broker of an accepted connection and closes it once it
 * has been idle for the idle timeout: no message (call, answer, error) received, and no call in
 * progress in either direction. Keepalive PINGs and PONGs never reach it, so they do not keep a
 * connection in use. While a call is in progress it looks again every eighth of the timeout, and
 * the idle time starts when it first finds none: a connection is never closed earlier than the
 * timeout after its last call finished, at most an eighth later. Not sharable; event loop only.
 */
final class IdleTimer extends ChannelInboundHandlerAdapter {
    static final String NAME = "flapp-idle";
    private static final Logger log = LoggerFactory.getLogger(IdleTimer.class);

    private final ConnectionClock clock;
    private final long idleNanos;
    private final BooleanSupplier callsInProgress;
    private long lastUse;
    private boolean wasBusy;
    private ConnectionClock.Timer timer;

    IdleTimer(ConnectionClock clock, Duration idleTimeout, BooleanSupplier callsInProgress) {
        this.clock = clock;
        this.idleNanos = idleTimeout.toNanos();
        this.callsInProgress = callsInProgress;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        lastUse = clock.nanoTime();
        checkAfter(ctx, idleNanos);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PbMessage) {
            lastUse = clock.nanoTime();
        }
        ctx.fireChannelRead(msg);
    }

    private void checkAfter(ChannelHandlerContext ctx, long nanos) {
        timer = clock.schedule(ctx.channel().eventLoop(), Duration.ofNanos(nanos), () -> check(ctx));
    }

    private void check(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        long now = clock.nanoTime();
        if (callsInProgress.getAsBoolean()) {
            wasBusy = true;
            checkAfter(ctx, Math.max(1, idleNanos / 8));
            return;
        }
        if (wasBusy) {
            wasBusy = false;
            lastUse = Math.max(lastUse, now);
        }
        long idleFor = now - lastUse;
        if (idleFor >= idleNanos) {
            log.debug("closing {}: idle for {} ms", ctx.channel().remoteAddress(), idleFor / 1_000_000);
            ctx.close();
        } else {
            checkAfter(ctx, idleNanos - idleFor);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        timer.cancel();
    }
}
