package org.flapp.rpc.internal.slicer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Feeds bytes through an {@link EmbeddedChannel} in fragments and collects what comes out. */
final class Feed {
    private Feed() {}

    /** Every inbound item the channel produced for {@code bytes} written {@code fragment} bytes at a time. */
    static List<Object> inbound(EmbeddedChannel channel, byte[] bytes, int fragment) {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < bytes.length && channel.isOpen(); i += fragment) {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(fragment, bytes.length - i)));
            Object item;
            while ((item = channel.readInbound()) != null) {
                items.add(item);
            }
        }
        return items;
    }

    /** Everything the channel wrote back (PONG, ERROR), as one byte array. */
    static byte[] outbound(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            all.writeBytes(b);
            b.release();
        }
        byte[] out = new byte[all.readableBytes()];
        all.readBytes(out);
        return out;
    }

    /** The fragment sizes to try: all of them for short inputs, a spread for long ones. */
    static int[] fragmentSizes(int length) {
        if (length <= 300) {
            return IntStream.rangeClosed(1, Math.max(1, length)).toArray();
        }
        if (length <= 5000) {
            return IntStream.concat(IntStream.rangeClosed(1, 17), IntStream.of(64, 100, 1000, length)).toArray();
        }
        return new int[] {1, 7, 1000, 65536, length};
    }
}
