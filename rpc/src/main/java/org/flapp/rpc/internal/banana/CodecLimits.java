package org.flapp.rpc.internal.banana;

import org.flapp.rpc.TubOptions;

/**
 * What one inbound Banana message may make us hold, checked by {@link BananaDecoder} before any
 * body byte is buffered. The three components come from {@link TubOptions} and are ours (Foolscap
 * 21.7.0 enforces none of them without a schema); the constants are the codec's fixed limits,
 * Foolscap's own or bound to the protocol, listed with the rest in docs/limits.md.
 *
 * <p><b>Tier.</b> Going over one of these limits is a <em>violation</em>, not a fatal error: the
 * stream stays in sync because the offending body is skipped unread (its length is known) and the
 * rest of the message is discarded token by token without buffering, exactly as Foolscap does for
 * a schema violation. So a peer that sends a too-large argument gets a
 * {@code foolscap.tokens.Violation} error answer (a {@link RejectedCall}) and keeps its
 * connection; a too-large answer or error is dropped. Only Foolscap's own limits are fatal.
 *
 * @param maxStringLength largest STRING, LONGINT or LONGNEG body, in bytes
 * @param maxMessageSize  largest top-level message (call, answer, error), in wire bytes
 * @param maxDepth        deepest nesting of sequences in one message (the top-level one counts 1)
 * @param maxMessageWork  the work budget of one message, in steps (see below)
 *
 * <p><b>Work budget</b> (constraints and cost). Each token costs one step; hashing a set member or
 * dict key costs one step per distinct tuple or frozenset item it reaches (keys are memoised per
 * message, so a DAG of shared tuples costs its number of nodes, not its unfolded size); inserting
 * it costs the number of earlier entries that share its hash. So a message costs about one step
 * per byte unless it makes hash tables collide, and the budget turns a message that would cost
 * more into a Violation, whatever the method's constraints let through.
 */
public record CodecLimits(int maxStringLength, int maxMessageSize, int maxDepth, long maxMessageWork) {
    // ---- fixed limits (not tunable) ----
    /** Longest token header accepted, in bytes (Foolscap: 64); a longer one is fatal. */
    public static final int MAX_HEADER_BYTES = 64;
    /**
     * Largest ERROR body accepted, in bytes (Foolscap's SIZE_LIMIT); a larger one is fatal. Ours
     * are cut to 990 bytes and {@code ...}, as Foolscap cuts its own.
     */
    public static final int MAX_ERROR_LENGTH = 1000;
    /** Longest first open-type STRING ("their-reference", the longest name, has 15); a violation. */
    public static final int MAX_OPEN_TYPE_LENGTH = 15;
    /** Longest copyable class name ("twisted.python.failure.Failure" has 30); a violation. */
    public static final int MAX_COPYABLE_NAME_LENGTH = 30;
    /** Longest Decimal text accepted, in bytes; a violation. */
    public static final int MAX_DECIMAL_TEXT = 1000;
    /** Deepest nesting we send; Python asserts fewer than 10000 slicers, Java's stack needs less. */
    public static final int MAX_SEND_DEPTH = 1000;
    /** Failure fields we send are cut to these many bytes, and received ones refused above them (Foolscap's). */
    public static final int MAX_FAILURE_TYPE = 200;
    public static final int MAX_FAILURE_VALUE = 1000;
    public static final int MAX_FAILURE_TRACEBACK = 2000;
    public static final int MAX_FAILURE_PARENT = 200;

    public CodecLimits {
        if (maxStringLength < 0 || maxMessageSize < 0 || maxDepth < 1 || maxMessageWork < 1) {
            throw new IllegalArgumentException("bad limits " + maxStringLength + "/" + maxMessageSize + "/" + maxDepth
                    + "/" + maxMessageWork);
        }
    }

    /** Limits with the default work budget. */
    public CodecLimits(int maxStringLength, int maxMessageSize, int maxDepth) {
        this(maxStringLength, maxMessageSize, maxDepth, TubOptions.DEFAULT_MAX_MESSAGE_WORK);
    }

    public static CodecLimits from(TubOptions options) {
        return new CodecLimits(options.maxStringLength(), options.maxMessageSize(), options.maxDepth(),
                options.maxMessageWork());
    }

    /** The defaults of {@link TubOptions}. */
    public static CodecLimits defaults() {
        return from(TubOptions.defaults());
    }
}
