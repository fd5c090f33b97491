package org.flapp.rpc.internal.tub;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import org.flapp.rpc.internal.call.ReferenceObtained;
import org.flapp.rpc.internal.clock.ConnectionClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of an accepted connection: closes it when it has not obtained a reference
 * ({@link ReferenceObtained}) within the grace time of being accepted, as sshd's LoginGraceTime
 * closes a connection that has not authenticated. Knowing the Tub's TubID (which every FURL shows)
 * is enough to negotiate; obtaining a reference takes a swissnum. Removes itself once the
 * reference is obtained. Not sharable; event loop only.
 */
final class GraceTimer extends ChannelInboundHandlerAdapter {
    static final String NAME = "flapp-grace";
    private static final Logger log = LoggerFactory.getLogger(GraceTimer.class);

    private final ConnectionClock clock;
    private final Duration graceTime;
    private ConnectionClock.Timer timer;

    GraceTimer(ConnectionClock clock, Duration graceTime) {
        this.clock = clock;
        this.graceTime = graceTime;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timer = clock.schedule(ctx.channel().eventLoop(), graceTime, () -> {
            log.debug("closing {}: no reference obtained within {} ms of acceptance",
                    ctx.channel().remoteAddress(), graceTime.toMillis());
            ctx.close();
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ReferenceObtained.INSTANCE) {
            ctx.pipeline().remove(this);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        timer.cancel();
    }
}
