package org.flapp.rpc.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.flapp.rpc.internal.banana.BananaProtocolException;
import org.flapp.rpc.internal.banana.Token;
import org.flapp.rpc.internal.banana.TokenReader;
import org.flapp.rpc.internal.banana.Tokens;

/** What the fuzz targets share: feeding bytes in fragments, and checking the bytes we sent back. */
final class Streams {
    /** Fragment sizes the low four bits of a control byte choose; the last means "all at once". */
    private static final int[] FRAGMENTS = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, Integer.MAX_VALUE};
    /** A PING with the number 7: the probe of a connection that should still be read. */
    static final byte[] PING_7 = {7, (byte) Tokens.PING};

    private Streams() {}

    static int fragmentSize(int control) {
        return FRAGMENTS[control & 0x0f];
    }

    /**
     * Writes {@code bytes[from..]} into the channel {@code fragment} bytes at a time, while it is
     * open, and returns every inbound message that came out the far end of the pipeline.
     * An exception that reached the end of the pipeline is rethrown by EmbeddedChannel.
     */
    static List<Object> feed(EmbeddedChannel channel, byte[] bytes, int from, int fragment) {
        return feed(channel, bytes, from, fragment, () -> { });
    }

    /** Like {@link #feed(EmbeddedChannel, byte[], int, int)}, running {@code afterEach} after each write. */
    static List<Object> feed(EmbeddedChannel channel, byte[] bytes, int from, int fragment, Runnable afterEach) {
        List<Object> out = new ArrayList<>();
        for (int i = from; i < bytes.length && channel.isOpen(); i += Math.min(fragment, bytes.length - i)) {
            channel.writeInbound(Unpooled.copiedBuffer(bytes, i, Math.min(fragment, bytes.length - i)));
            afterEach.run();
            channel.runPendingTasks();
            for (Object item = channel.readInbound(); item != null; item = channel.readInbound()) {
                out.add(item);
            }
        }
        return out;
    }

    /** Every byte the channel wrote so far, in order. */
    static byte[] outbound(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        for (Object item = channel.readOutbound(); item != null; item = channel.readOutbound()) {
            if (!(item instanceof ByteBuf buf)) {
                throw new AssertionError("the pipeline wrote a " + item.getClass().getName() + ", not bytes");
            }
            all.writeBytes(buf);
            buf.release();
        }
        byte[] out = new byte[all.readableBytes()];
        all.readBytes(out);
        return out;
    }

    /** Splits Banana bytes we wrote into tokens; what we send must always be well-formed Banana. */
    static List<Token> tokens(byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        TokenReader reader = new TokenReader();
        List<Token> out = new ArrayList<>();
        try {
            for (Token t = reader.read(in, Streams::admitAll); t != null; t = reader.read(in, Streams::admitAll)) {
                out.add(t);
            }
        } catch (BananaProtocolException e) {
            throw new AssertionError("we sent malformed Banana: " + e.getMessage(), e);
        }
        if (in.isReadable()) {
            throw new AssertionError("we sent a truncated Banana token: " + in.readableBytes() + " bytes left");
        }
        return out;
    }

    /** What a token reader learns from a peer's whole stream. */
    record Scan(boolean fatal, boolean sawError, boolean endsOnTokenBoundary) {}

    /**
     * Reads {@code bytes[from..]} as Banana tokens (every token admitted; a refused token's body
     * is skipped just as far as an admitted one is read), so a target knows whether the stream
     * holds an ERROR token, a fatal token-level error, and whether it ends between tokens.
     */
    static Scan scan(byte[] bytes, int from) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes, from, bytes.length - from);
        TokenReader reader = new TokenReader();
        try {
            for (Token t = reader.read(in, Streams::admitAll); t != null; t = reader.read(in, Streams::admitAll)) {
                if (t.type() == Tokens.ERROR) {
                    return new Scan(false, true, false);
                }
            }
            if (in.isReadable()) {
                return new Scan(false, false, false); // a partial header
            }
            Token probe = reader.read(Unpooled.wrappedBuffer(PING_7), Streams::admitAll);
            return new Scan(false, false, probe != null && probe.type() == Tokens.PING);
        } catch (BananaProtocolException e) {
            return new Scan(true, false, false);
        }
    }

    /** A gate that wants every token, but never a body too large to be buffered in one array. */
    static boolean admitAll(int type, long header, long bodyLength, long wireLength) {
        return bodyLength < Integer.MAX_VALUE - 16;
    }

    /**
     * The state a Banana connection must be in after the peer's {@code input[from..]}, given the
     * tokens we sent: closed only with an ERROR token from one side or the other; open, and
     * answering a PING, when the input ended between two tokens.
     */
    static void checkClosedOrServing(EmbeddedChannel channel, byte[] input, int from, List<Token> sent) {
        Scan scan = scan(input, from);
        if (!channel.isOpen()) {
            Token last = sent.isEmpty() ? null : sent.get(sent.size() - 1);
            if (!scan.sawError() && (last == null || last.type() != Tokens.ERROR)) {
                throw new AssertionError("closed without an ERROR token and without having received one");
            }
        } else if (scan.endsOnTokenBoundary()) {
            feed(channel, PING_7, 0, 2);
            List<Token> answer = tokens(outbound(channel));
            if (channel.isOpen() && answer.stream().noneMatch(t -> t.type() == Tokens.PONG && t.header() == 7)) {
                throw new AssertionError("an open connection did not answer a PING: " + answer);
            }
        }
    }
}
