package org.flapp.rpc.internal.tub;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.internal.clock.ConnectionClock;
import org.flapp.rpc.internal.negotiation.Negotiation;
import org.flapp.rpc.internal.negotiation.NegotiationHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child handler of a Tub's listeners: every accepted connection first passes the
 * {@link ConnectionGate} (or is closed at once), then gets its {@link GraceTimer} and starts
 * negotiating with the request and negotiation deadlines. One per Tub, shared by its listeners.
 */
final class Admission extends ChannelInitializer<SocketChannel> {
    private static final Logger log = LoggerFactory.getLogger(Admission.class);

    private final NegotiationHost host;
    private final TubOptions options;
    private final ConnectionClock clock;
    private final ConnectionGate gate;

    Admission(NegotiationHost host, TubOptions options, ConnectionClock clock) {
        this.host = host;
        this.options = options;
        this.clock = clock;
        this.gate = new ConnectionGate(options.maxConnections(), options.maxConnectionsPerAddress(),
                new RefusalLog(clock, options, log::warn));
    }

    @Override
    public boolean isSharable() {
        return true;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (!gate.admit(ch)) {
            return;
        }
        ch.pipeline().addLast(GraceTimer.NAME, new GraceTimer(clock, options.graceTime()));
        Negotiation.accept(ch, host, options.requestTimeout(), options.negotiationTimeout());
    }

    /** Accepted connections open now. */
    int open() {
        return gate.open();
    }
}
