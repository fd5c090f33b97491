package org.flapp.rpc.internal.clock;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** {@link ConnectionClock#system()}: Netty's scheduled tasks on the channel's own event loop. */
final class EventLoopClock implements ConnectionClock {
    static final EventLoopClock INSTANCE = new EventLoopClock();

    private EventLoopClock() {}

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Timer schedule(EventLoop loop, Duration delay, Runnable task) {
        ScheduledFuture<?> future = loop.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
