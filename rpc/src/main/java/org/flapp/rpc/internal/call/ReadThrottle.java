package org.flapp.rpc.internal.call;

import io.netty.channel.Channel;

/**
 * Whether we read from a connection's socket: not while the peer has too many calls unfinished
 * (calls waiting for third-party references, waiting to run, running, or answered but not yet
 * written), nor while it does not read what we write (the channel is above its high-water mark).
 * Turning Netty's auto-read off ends the current read loop; the kernel's buffer then fills and
 * TCP flow control holds the peer.
 *
 * <p>Event loop only.
 */
final class ReadThrottle {
    private final Channel channel;
    private final int maxUnfinished;
    private int unfinished;
    private boolean peerNotReading;

    ReadThrottle(Channel channel, int maxUnfinished) {
        this.channel = channel;
        this.maxUnfinished = maxUnfinished;
    }

    /** One more inbound call (or message waiting for gifts) is unfinished. */
    void started() {
        unfinished++;
        update();
    }

    /** One unfinished inbound call is done. */
    void finished() {
        unfinished--;
        update();
    }

    /** The channel's writability changed: stop reading while the peer does not read. */
    void writabilityChanged() {
        peerNotReading = !channel.isWritable();
        update();
    }

    int unfinished() {
        return unfinished;
    }

    private void update() {
        boolean read = unfinished < maxUnfinished && !peerNotReading;
        if (channel.config().isAutoRead() != read) {
            channel.config().setAutoRead(read);
        }
    }
}
