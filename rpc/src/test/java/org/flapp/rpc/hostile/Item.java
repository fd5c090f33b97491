package org.flapp.rpc.hostile;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One top-level thing a server sent to a {@link RawPeer}, decoded without any of Flapp's own
 * decoder: a sequence (OPEN type ... CLOSE) with its children, or a lone token (PING, PONG,
 * ERROR, or a stray atom). Two markers stand for "nothing arrived in time" ({@link #TIMEOUT})
 * and "the server closed the connection" ({@link #CLOSED}). VOCAB tokens arrive already
 * replaced by the word of vocabulary table 1. Immutable.
 */
public final class Item {
    /** What the item is. */
    public enum Kind { SEQUENCE, INT, NEG, LONGINT, LONGNEG, STRING, FLOAT, PING, PONG, ERROR, ABORT, TIMEOUT, CLOSED }

    /** Returned by {@link RawPeer#next} when nothing arrived before the timeout. */
    public static final Item TIMEOUT = new Item(Kind.TIMEOUT, null, null, null, List.of(), 0);
    /** Returned by {@link RawPeer#next} once the connection is closed and every item was taken. */
    public static final Item CLOSED = new Item(Kind.CLOSED, null, null, null, List.of(), 0);

    private final Kind kind;
    private final BigInteger number;
    private final byte[] body;
    private final String type;
    private final List<Item> children;
    private final double real;

    private Item(Kind kind, BigInteger number, byte[] body, String type, List<Item> children, double real) {
        this.kind = kind;
        this.number = number;
        this.body = body;
        this.type = type;
        this.children = children;
        this.real = real;
    }

    static Item sequence(String type, List<Item> children) {
        return new Item(Kind.SEQUENCE, null, null, type, List.copyOf(children), 0);
    }

    static Item number(Kind kind, BigInteger value) {
        return new Item(kind, value, null, null, List.of(), 0);
    }

    static Item bytes(Kind kind, byte[] body) {
        return new Item(kind, null, body.clone(), null, List.of(), 0);
    }

    static Item real(double value) {
        return new Item(Kind.FLOAT, null, null, null, List.of(), value);
    }

    public Kind kind() {
        return kind;
    }

    /** True for a sequence whose open-type is {@code type} (e.g. "answer", "error", "call"). */
    public boolean isSequence(String type) {
        return kind == Kind.SEQUENCE && type.equals(this.type);
    }

    /** The open-type of a sequence, or null. */
    public String type() {
        return type;
    }

    /** The children of a sequence after its open-type (none for other kinds). */
    public List<Item> children() {
        return children;
    }

    public Item child(int index) {
        return children.get(index);
    }

    /** The value of INT, NEG, LONGINT, LONGNEG, or the header of PING, PONG, ABORT. */
    public long number() {
        if (number == null) {
            throw new IllegalStateException(kind + " has no number");
        }
        return number.longValueExact();
    }

    /** The body of a STRING or ERROR token. */
    public byte[] body() {
        if (body == null) {
            throw new IllegalStateException(kind + " has no body");
        }
        return body.clone();
    }

    /** The body of a STRING or ERROR token as UTF-8 text. */
    public String text() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /** For an "answer" or "error" sequence: its request ID (first child). */
    public long reqId() {
        return child(0).number();
    }

    /** True when {@link #render()} contains {@code fragment} (a message text, a class name, ...). */
    public boolean mentions(String fragment) {
        return render().contains(fragment);
    }

    /** A readable, complete rendering: {@code answer(2, my-reference(1, "..."))}, {@code PONG(7)}. */
    public String render() {
        StringBuilder out = new StringBuilder();
        render(out);
        return out.toString();
    }

    private void render(StringBuilder out) {
        switch (kind) {
            case SEQUENCE -> {
                out.append(type).append('(');
                for (int i = 0; i < children.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    children.get(i).render(out);
                }
                out.append(')');
            }
            case INT, LONGINT -> out.append(number);
            case NEG, LONGNEG -> out.append(number.negate());
            case FLOAT -> out.append(real);
            case STRING -> quote(out, body);
            case ERROR -> quote(out.append("ERROR("), body).append(')');
            case PING, PONG, ABORT -> out.append(kind).append('(').append(number).append(')');
            default -> out.append('<').append(kind).append('>');
        }
    }

    private static StringBuilder quote(StringBuilder out, byte[] bytes) {
        out.append('"');
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append((char) c);
            } else {
                out.append(String.format("\\x%02x", c));
            }
        }
        return out.append('"');
    }

    @Override
    public String toString() {
        return render();
    }
}
