package org.flapp.rpc.internal.banana;

import org.flapp.rpc.Constraint;
import org.flapp.rpc.internal.slicer.ConstraintChecks;
import org.flapp.rpc.internal.slicer.ValueTypes;
import org.flapp.rpc.ViolationException;

/**
 * Rebuilds one sequence (OPEN … CLOSE) from the tokens inside it; {@link UnslicerStack} keeps one
 * per open sequence. Every method may throw {@link ViolationException} (the whole top-level
 * message is abandoned, the connection goes on) or {@link BananaProtocolException} (the
 * connection is failed). Child values arrive as Long, BigInteger, Double, byte[] (STRING and
 * VOCAB) or the object a child sequence produced. Used on one event loop only.
 */
public abstract class Unslicer {
    /** The sender's open-ID of this sequence: its CLOSE must repeat it. */
    public long openId;

    /** What this sequence's value must meet; set by the stack before {@link #start}. */
    public Constraint constraint = Constraint.any();

    /**
     * What the next child (token or sequence) must meet, asked by the stack before that child's
     * body is read or its sequence is opened; a container also checks here that it has room for
     * one more (a Violation if not). By default the body of a leaf sequence ({@code unicode}, ...)
     * as {@link ConstraintChecks#body} says.
     */
    public Constraint childConstraint() {
        return ConstraintChecks.body(constraint);
    }

    /** Called once pushed; {@code objectId} is the receiver's count of this OPEN (for references). */
    public void start(long objectId, DecodeContext ctx) {}

    /**
     * Checks a token addressed to this sequence before its body is read ({@code size}: the body
     * length; 0 for bodiless tokens such as INT, VOCAB, OPEN). Never called for CLOSE, ABORT, PING,
     * PONG, ERROR, nor for the index tokens of a child's open-type.
     */
    public void checkToken(int type, long size) {}

    /** The unslicer for a child sequence of this open-type ({@code second}: copyable's class name). */
    public Unslicer openChild(String type, String second, DecodeContext ctx) {
        return ValueTypes.open(type, second);
    }

    public abstract void receiveChild(Object child, DecodeContext ctx);

    /** The finished object (null stands for None). */
    public abstract Object receiveClose(DecodeContext ctx);

    /** This node's piece of a Foolscap-style location, e.g. {@code [2]} or {@code <unicode>}. */
    public abstract String describe();

    public static void requireType(int type, int wanted, String message) {
        if (type != wanted) {
            throw new BananaProtocolException(message);
        }
    }

    public static boolean isString(int type) {
        return type == Tokens.STRING || type == Tokens.VOCAB;
    }
}
