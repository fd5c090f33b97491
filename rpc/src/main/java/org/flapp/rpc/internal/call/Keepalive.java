package org.flapp.rpc.internal.call;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.math.BigInteger;
import java.time.Duration;
import java.util.function.Function;
import io.netty.channel.EventLoop;
import org.flapp.rpc.internal.banana.TokenWriter;
import org.flapp.rpc.internal.banana.VocabTable;

/**
 * Sends a Banana PING when nothing has been received for {@code interval}, and again after each
 * further interval of silence, as Foolscap's keepalive does: the peer's PONG (or anything else it
 * sends) shows the connection is alive, and the traffic keeps NAT and firewall state open.
 *
 * <p>One per channel; its clock and timers come from a {@link Scheduler} (the event loop's by
 * default). Event loop only.
 */
public final class Keepalive extends ChannelInboundHandlerAdapter {
    private final long intervalNanos;
    private final Duration interval;
    private final Function<EventLoop, Scheduler> schedulerFor;
    private Scheduler scheduler;
    private Scheduler.Timer timer;
    private long lastRead;
    private boolean reading;

    /** A keepalive on the channel's own event-loop clock. */
    public Keepalive(Duration interval) {
        this(interval, Scheduler::of);
    }

    /** A keepalive on {@code scheduler}'s clock (tests). */
    Keepalive(Duration interval, Scheduler scheduler) {
        this(interval, loop -> scheduler);
    }

    private Keepalive(Duration interval, Function<EventLoop, Scheduler> schedulerFor) {
        this.interval = interval;
        this.intervalNanos = interval.toNanos();
        this.schedulerFor = schedulerFor;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        scheduler = schedulerFor.apply(ctx.channel().eventLoop());
        lastRead = scheduler.nanoTime();
        if (ctx.channel().isActive()) {
            timer = scheduler.schedule(() -> check(ctx), interval);
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
            lastRead = scheduler.nanoTime();
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
        long idle = scheduler.nanoTime() - lastRead;
        if (reading || idle < intervalNanos) {
            timer = scheduler.schedule(() -> check(ctx), Duration.ofNanos(reading ? intervalNanos : intervalNanos - idle));
            return;
        }
        timer = scheduler.schedule(() -> check(ctx), interval);
        ByteBuf ping = ctx.alloc().buffer(1);
        new TokenWriter(ping, VocabTable.TABLE_0).writePing(BigInteger.ZERO);
        ctx.writeAndFlush(ping, ctx.voidPromise());
    }
}
