package org.flapp.rpc.internal.banana;

import org.flapp.rpc.TubOptions;

/**
 * What one inbound Banana message may make us hold, checked by {@link BananaDecoder} before any
 * body byte is buffered. The header (64 bytes) and ERROR-body (1000 bytes) limits are Foolscap's
 * own and fixed; these three are ours (Foolscap 21.7.0 enforces none of them without a schema).
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
