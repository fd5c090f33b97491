package org.flapp.rpc.internal.banana;

/**
 * The Banana type bytes (the byte after a token's base-128 header) and their names, as Foolscap
 * 21.7.0 defines them. Bytes 0x8b and 0x8c are unassigned; 0x80 (LIST) is obsolete and fatal.
 */
public final class Tokens {
    public static final int LIST = 0x80;
    public static final int INT = 0x81;
    public static final int STRING = 0x82;
    public static final int NEG = 0x83;
    public static final int FLOAT = 0x84;
    public static final int LONGINT = 0x85;
    public static final int LONGNEG = 0x86;
    public static final int VOCAB = 0x87;
    public static final int OPEN = 0x88;
    public static final int CLOSE = 0x89;
    public static final int ABORT = 0x8a;
    public static final int ERROR = 0x8d;
    public static final int PING = 0x8e;
    public static final int PONG = 0x8f;

    private Tokens() {}

    /** The token's name, e.g. {@code STRING}, or its hex value when unassigned. */
    public static String name(int type) {
        return switch (type) {
            case LIST -> "LIST";
            case INT -> "INT";
            case STRING -> "STRING";
            case NEG -> "NEG";
            case FLOAT -> "FLOAT";
            case LONGINT -> "LONGINT";
            case LONGNEG -> "LONGNEG";
            case VOCAB -> "VOCAB";
            case OPEN -> "OPEN";
            case CLOSE -> "CLOSE";
            case ABORT -> "ABORT";
            case ERROR -> "ERROR";
            case PING -> "PING";
            case PONG -> "PONG";
            default -> String.format("0x%02x", type);
        };
    }

    /** True for the tokens whose header is the length of a body that follows. */
    public static boolean hasLengthHeader(int type) {
        return type == STRING || type == LONGINT || type == LONGNEG || type == ERROR;
    }
}
