package org.flapp.rpc.hostile;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * RawPeer's own Banana reader (written apart from Flapp's decoder, so that a bug there cannot
 * hide itself here): bytes in, whole top-level {@link Item}s out. Tokens as in
 * docs/protocol.md, "Banana tokens"; VOCAB indexes into vocabulary table 1, the only one a
 * 21.7.0 peer negotiates. A malformed stream throws {@link IllegalStateException}. Not
 * thread-safe.
 */
final class ItemDecoder {
    /** Vocabulary table 1, in index order. */
    static final List<String> VOCAB_1 = List.of(
            "none", "boolean", "reference", "dict", "list", "tuple", "set", "immutable-set",
            "unicode", "set-vocab", "add-vocab", "call", "arguments", "answer", "error",
            "my-reference", "your-reference", "their-reference", "copyable", "instance",
            "module", "class", "method", "function", "attrdict");

    /** This client's own bound on a body the server sends (STRING, ERROR, LONGINT). */
    private static final int MAX_BODY = 64 << 20;
    private static final int MAX_HEADER = 64;

    private static final int INT = 0x81, STRING = 0x82, NEG = 0x83, FLOAT = 0x84, LONGINT = 0x85,
            LONGNEG = 0x86, VOCAB = 0x87, OPEN = 0x88, CLOSE = 0x89, ABORT = 0x8a, ERROR = 0x8d,
            PING = 0x8e, PONG = 0x8f;

    /** An OPEN whose CLOSE has not come yet. */
    private static final class Open {
        final BigInteger id;
        String type;
        final List<Item> children = new ArrayList<>();

        Open(BigInteger id) {
            this.id = id;
        }
    }

    private final Consumer<Item> sink;
    private final Deque<Open> stack = new ArrayDeque<>();
    private byte[] buf = new byte[8192];
    private int start;
    private int end;

    ItemDecoder(Consumer<Item> sink) {
        this.sink = sink;
    }

    /** Appends bytes and hands every item they complete to the sink. */
    void feed(byte[] data, int offset, int length) {
        if (end + length > buf.length) {
            int live = end - start;
            byte[] bigger = live + length > buf.length ? new byte[Math.max(buf.length * 2, live + length)] : buf;
            System.arraycopy(buf, start, bigger, 0, live);
            buf = bigger;
            start = 0;
            end = live;
        }
        System.arraycopy(data, offset, buf, end, length);
        end += length;
        while (step()) {
            // one token at a time until the bytes run out mid-token
        }
    }

    /** Decodes one token if it is complete; false when more bytes are needed. */
    private boolean step() {
        int pos = start;
        int headerStart = pos;
        while (pos < end && (buf[pos] & 0x80) == 0) {
            pos++;
            if (pos - headerStart > MAX_HEADER) {
                throw new IllegalStateException("token header longer than " + MAX_HEADER + " bytes");
            }
        }
        if (pos == end) {
            return false;
        }
        BigInteger header = BigInteger.ZERO;
        for (int i = pos - 1; i >= headerStart; i--) {
            header = header.shiftLeft(7).or(BigInteger.valueOf(buf[i]));
        }
        int type = buf[pos++] & 0xff;
        int bodyLength = switch (type) {
            case STRING, ERROR, LONGINT, LONGNEG -> checkedLength(header);
            case FLOAT -> 8;
            default -> 0;
        };
        if (end - pos < bodyLength) {
            return false;
        }
        byte[] body = Arrays.copyOfRange(buf, pos, pos + bodyLength);
        start = pos + bodyLength;
        token(type, header, body);
        return true;
    }

    private static int checkedLength(BigInteger header) {
        if (header.compareTo(BigInteger.valueOf(MAX_BODY)) > 0) {
            throw new IllegalStateException("the server sent a body of " + header + " bytes");
        }
        return header.intValue();
    }

    private void token(int type, BigInteger header, byte[] body) {
        switch (type) {
            case OPEN -> stack.push(new Open(header));
            case CLOSE -> close(header);
            case INT -> add(Item.number(Item.Kind.INT, header));
            case NEG -> add(Item.number(Item.Kind.NEG, header));
            case LONGINT -> add(Item.number(Item.Kind.LONGINT, new BigInteger(1, body)));
            case LONGNEG -> add(Item.number(Item.Kind.LONGNEG, new BigInteger(1, body)));
            case FLOAT -> add(Item.real(ByteBuffer.wrap(body).getDouble()));
            case STRING -> add(Item.bytes(Item.Kind.STRING, body));
            case VOCAB -> add(Item.bytes(Item.Kind.STRING, word(header)));
            case ERROR -> add(Item.bytes(Item.Kind.ERROR, body));
            case PING -> add(Item.number(Item.Kind.PING, header));
            case PONG -> add(Item.number(Item.Kind.PONG, header));
            case ABORT -> add(Item.number(Item.Kind.ABORT, header));
            default -> throw new IllegalStateException(String.format("unknown token type 0x%02x", type));
        }
    }

    private static byte[] word(BigInteger index) {
        if (index.compareTo(BigInteger.valueOf(VOCAB_1.size())) >= 0) {
            throw new IllegalStateException("VOCAB " + index + " is outside table 1");
        }
        return VOCAB_1.get(index.intValue()).getBytes(StandardCharsets.US_ASCII);
    }

    private void add(Item item) {
        Open top = stack.peek();
        if (top == null) {
            sink.accept(item);
        } else if (top.type == null && item.kind() == Item.Kind.STRING) {
            top.type = item.text();
        } else {
            top.children.add(item);
        }
    }

    private void close(BigInteger id) {
        Open top = stack.poll();
        if (top == null || !top.id.equals(id)) {
            throw new IllegalStateException("CLOSE(" + id + ") does not match the open sequence "
                    + (top == null ? "(none)" : top.id));
        }
        add(Item.sequence(top.type == null ? "?" : top.type, top.children));
    }
}
