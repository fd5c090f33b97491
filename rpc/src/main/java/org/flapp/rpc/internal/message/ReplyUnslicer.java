package org.flapp.rpc.internal.message;

import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.banana.BananaProtocolException;
import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.internal.banana.Tokens;
import org.flapp.rpc.internal.banana.Unslicer;
import org.flapp.rpc.internal.slicer.ReferenceSlicers;

/**
 * What {@code answer} and {@code error} share: {@code OPEN type INT reqID <body> CLOSE}. The
 * request ID must come first as an INT; exactly one body follows (another token, or a CLOSE
 * before it, is fatal). Once the request ID is known, an abandoned reply still ends the call it
 * answers ({@link RejectedAnswer}), so the caller never waits forever.
 */
abstract class ReplyUnslicer extends Unslicer implements Abandonable {
    private final String type;
    /** The call this replies to; null until read. */
    Long reqId;
    private boolean haveBody;
    private Object body;

    ReplyUnslicer(String type) {
        this.type = type;
    }

    @Override
    public final void checkToken(int tokenType, long size) {
        if (reqId == null) {
            requireType(tokenType, Tokens.INT, "request ID must be an INT");
        } else if (haveBody) {
            throw new BananaProtocolException("stop sending me stuff!");
        } else {
            checkBodyToken(tokenType);
        }
    }

    /** Refuses a body token this reply cannot take (any by default). */
    void checkBodyToken(int tokenType) {}

    @Override
    public final void receiveChild(Object child, DecodeContext ctx) {
        if (reqId == null) {
            reqId = ReferenceSlicers.asLong(child, "request ID");
            requestIdRead(ctx);
        } else {
            body = child;
            haveBody = true;
        }
    }

    /** Called once {@link #reqId} is known, before the body is read. */
    void requestIdRead(DecodeContext ctx) {}

    @Override
    public final Object receiveClose(DecodeContext ctx) {
        if (!haveBody) {
            throw new BananaProtocolException("'" + type + "' sequence ended too early");
        }
        return message(reqId, body);
    }

    /** The message for a complete reply. */
    abstract PbMessage message(long reqId, Object body);

    @Override
    public final PbMessage abandoned(ViolationException cause, String text) {
        return reqId == null ? null : new RejectedAnswer(reqId, text);
    }

    @Override
    public final String describe() {
        return "<" + type + " reqID=" + reqId + ">";
    }
}
