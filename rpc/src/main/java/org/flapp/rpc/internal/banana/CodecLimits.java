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
 */
public record CodecLimits(int maxStringLength, int maxMessageSize, int maxDepth) {
    public CodecLimits {
        if (maxStringLength < 0 || maxMessageSize < 0 || maxDepth < 1) {
            throw new IllegalArgumentException("bad limits " + maxStringLength + "/" + maxMessageSize + "/" + maxDepth);
        }
    }

    public static CodecLimits from(TubOptions options) {
        return new CodecLimits(options.maxStringLength(), options.maxMessageSize(), options.maxDepth());
    }

    /** The defaults of {@link TubOptions}. */
    public static CodecLimits defaults() {
        return from(TubOptions.defaults());
    }
}
