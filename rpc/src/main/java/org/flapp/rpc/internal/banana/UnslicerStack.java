package org.flapp.rpc.internal.banana;

import org.flapp.rpc.internal.message.Abandonable;
import org.flapp.rpc.internal.message.PbMessage;
import org.flapp.rpc.internal.message.RejectedAnswer;
import org.flapp.rpc.internal.message.RejectedCall;
import org.flapp.rpc.internal.message.RootUnslicer;
import org.flapp.rpc.internal.reference.InboundReferences;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.internal.slicer.ConstraintChecks;
import org.flapp.rpc.internal.slicer.Repr;
import org.flapp.rpc.internal.slicer.Utf8;
import org.flapp.rpc.internal.slicer.ValueTypes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Consumer;
import org.flapp.rpc.ViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns tokens into objects: a stack of {@link Unslicer}s, one per open sequence, over a
 * {@link RootUnslicer}. It is the {@link TokenReader.Gate} too, so limits and token checks run
 * before a body is buffered.
 *
 * <p><b>Open-IDs.</b> Every OPEN token counts, rejected or discarded ones included, exactly as the
 * sender numbers them; shareable objects are registered under that count and {@code reference N}
 * resolves against the objects of the current top-level message only.
 *
 * <p><b>Two tiers of error.</b> A {@link ViolationException} abandons the whole top-level message:
 * its remaining tokens are discarded (OPEN/CLOSE counted, bodies skipped unread) up to the CLOSE
 * of its first OPEN. A call whose reqID was read yields a {@link RejectedCall}, an answer or error
 * whose reqID was read a {@link RejectedAnswer} (so the waiting caller fails instead of hanging),
 * anything else is dropped (logged at debug). ABORT abandons the message the same way, with no
 * RejectedCall (the sender knows). A {@link BananaProtocolException} propagates to the caller, which fails the
 * connection. Not thread-safe: one per connection, on its event loop.
 */
final class UnslicerStack implements TokenReader.Gate, DecodeContext {
    private static final Logger log = LoggerFactory.getLogger(UnslicerStack.class);

    private final CodecLimits limits;
    private final VocabTable vocab;
    private final InboundReferences references;
    private final List<Unslicer> stack = new ArrayList<>();
    private final ArrayDeque<Object> output = new ArrayDeque<>();
    private final MessageScope message;

    private long openCount;
    private boolean inOpen;
    private long pendingOpenId;
    private long pendingObjectId;
    private String firstIndex;
    private long discarding;

    /** @param root a root factory given the sink for finished top-level items */
    UnslicerStack(Function<Consumer<Object>, RootUnslicer> root, CodecLimits limits, VocabTable vocab,
                  InboundReferences references) {
        this.limits = limits;
        this.message = new MessageScope(limits);
        this.vocab = vocab;
        this.references = references;
        stack.add(root.apply(output::add));
    }

    /** The next finished item (PbMessage, or a value for a values root), or null. */
    Object poll() {
        return output.poll();
    }

    /** Deeper paths than this are shown with their middle elided (see {@link #describeWhere}). */
    private static final int WHERE_HEAD = 8;
    private static final int WHERE_TAIL = 4;

    /**
     * Where in the object graph the decoder is, Foolscap-style: {@code <RootUnslicer>.<methodcall reqID=1>…}.
     * A path deeper than {@value #WHERE_HEAD} + {@value #WHERE_TAIL} levels keeps its first and
     * last levels around {@code ...(N levels)...}: error texts are cut to 1000 characters on the
     * wire, and a full path 1000 levels deep would push out the reason that follows it.
     */
    String describeWhere() {
        StringBuilder sb = new StringBuilder();
        int size = stack.size();
        boolean elide = size > WHERE_HEAD + WHERE_TAIL + 1;
        for (int i = 0; i < size; i++) {
            if (elide && i == WHERE_HEAD) {
                sb.append(".(").append(size - WHERE_HEAD - WHERE_TAIL).append(" levels)");
                i = size - WHERE_TAIL - 1;
                continue;
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(stack.get(i).describe());
        }
        return sb.toString();
    }

    // ---- gate: runs before a token's body is read

    @Override
    public boolean admit(int type, long header, long bodyLength, long wireLength) {
        if (discarding > 0) {
            return false;
        }
        if (inOpen && type == Tokens.OPEN) {
            throw new BananaProtocolException("OPEN token followed by OPEN");
        }
        boolean closing = type == Tokens.CLOSE || type == Tokens.ABORT;
        if (closing && stack.size() == 1 && !inOpen) {
            return true; // handle() reports a stray CLOSE, ignores a stray ABORT
        }
        try {
            if (stack.size() == 1 && !inOpen) {
                top().checkToken(type, bodyLength); // the root: fatal for a bare token on PB
            }
            message.charge(1);
            message.addBytes(wireLength);
            if (closing) {
                return true;
            }
            boolean longToken = type == Tokens.STRING || type == Tokens.LONGINT || type == Tokens.LONGNEG;
            if (longToken && bodyLength > limits.maxStringLength()) {
                throw new ViolationException(Tokens.name(type) + " token of " + bodyLength
                        + " bytes is over maxStringLength " + limits.maxStringLength());
            }
            if (inOpen) {
                checkIndexToken(type, bodyLength);
            } else if (stack.size() > 1) {
                top().checkToken(type, bodyLength);
                if (type != Tokens.OPEN) { // a sequence is judged by its open-type (handleIndexToken)
                    ConstraintChecks.token(top().childConstraint(), type, bodyLength);
                }
            }
            return true;
        } catch (ViolationException e) {
            violation(e, true);
            return false;
        }
    }

    private void checkIndexToken(int type, long length) {
        if (type != Tokens.STRING && type != Tokens.VOCAB) {
            throw new ViolationException(String.format("index token 0x%02x not STRING or VOCAB", type));
        }
        if (type == Tokens.STRING && firstIndex == null && length > CodecLimits.MAX_OPEN_TYPE_LENGTH) {
            throw new ViolationException("first opentype STRING token is too long, " + length + ">" + CodecLimits.MAX_OPEN_TYPE_LENGTH);
        }
        if (type == Tokens.STRING && firstIndex != null && length > CodecLimits.MAX_COPYABLE_NAME_LENGTH) {
            throw new ViolationException("copyable-classname token is too long, " + length + ">" + CodecLimits.MAX_COPYABLE_NAME_LENGTH);
        }
    }

    // ---- tokens

    /** Handles one token from the reader (never PING, PONG or ERROR: the decoder answers those). */
    void handle(Token token) {
        switch (token.type()) {
            case Tokens.OPEN -> handleOpen(token);
            case Tokens.CLOSE -> handleClose(token);
            case Tokens.ABORT -> handleAbort();
            case Tokens.PING, Tokens.PONG, Tokens.ERROR -> throw new IllegalArgumentException(token.toString());
            default -> {
                if (token.skipped() || discarding > 0) {
                    return;
                }
                Object value = TokenValues.valueOf(token, vocab);
                if (inOpen) {
                    handleIndexToken(value);
                } else {
                    deliver(value);
                }
            }
        }
    }

    private void handleOpen(Token token) {
        long objectId = openCount++;
        if (discarding > 0) {
            discarding++;
            return;
        }
        inOpen = true;
        pendingOpenId = token.header();
        pendingObjectId = objectId;
        firstIndex = null;
        if (stack.size() > limits.maxDepth()) { // stack holds the root: size-1 open + this one
            violation("sequences nested deeper than maxDepth " + limits.maxDepth(), true);
        }
    }

    private void handleIndexToken(Object token) {
        String name = Utf8.decodeStrict((byte[]) token, "open-type");
        if (firstIndex == null && ValueTypes.wantsSecondIndexToken(name)) {
            firstIndex = name;
            return;
        }
        String type = firstIndex == null ? name : firstIndex;
        String second = firstIndex == null ? null : name;
        Unslicer child;
        Constraint wanted;
        try {
            wanted = stack.size() > 1 ? ConstraintChecks.open(top().childConstraint(), type, second)
                    : Constraint.any();
            child = top().openChild(type, second, this);
        } catch (ViolationException e) {
            violation(e, true);
            return;
        }
        inOpen = false;
        child.constraint = wanted;
        child.openId = pendingOpenId;
        stack.add(child);
        try {
            child.start(pendingObjectId, this);
        } catch (ViolationException e) {
            violation(e, true);
        }
    }

    private void handleClose(Token token) {
        if (discarding > 0) {
            if (--discarding == 0) {
                endMessage();
            }
            return;
        }
        Unslicer top = top();
        String expected = stack.size() == 1 ? "None" : String.valueOf(top.openId);
        if (inOpen || stack.size() == 1 || top.openId != token.header()) {
            throw new BananaProtocolException("lost sync, got CLOSE(" + token.headerValue() + ") but expecting "
                    + expected);
        }
        stack.remove(stack.size() - 1);
        Object finished;
        try {
            finished = top.receiveClose(this);
        } catch (ViolationException e) {
            violation(e, true);
            return;
        }
        deliver(finished);
    }

    private void handleAbort() {
        if (discarding > 0) {
            return;
        }
        if (stack.size() == 1 && !inOpen) {
            log.debug("ABORT at top level ignored");
            return;
        }
        violation("ABORT received", false);
    }

    private void deliver(Object value) {
        try {
            top().receiveChild(value, this);
        } catch (ViolationException e) {
            violation(e, true);
            return;
        }
        if (stack.size() == 1) {
            endMessage();
        }
    }

    // ---- violations and message boundaries

    private void violation(String why, boolean answerable) {
        violation(new ViolationException(why), answerable);
    }

    /**
     * Abandons the current top-level message; what stands for it (a rejected call or answer) is
     * the top-level unslicer's choice ({@link Abandonable}). {@code answerable} is false for an ABORT.
     */
    private void violation(ViolationException cause, boolean answerable) {
        String text = "Violation (" + describeWhere() + "): (" + Repr.str(cause.getMessage()) + ",)";
        PbMessage instead = stack.size() > 1 && stack.get(1) instanceof Abandonable top
                ? top.abandoned(answerable ? cause : null, text) : null;
        if (instead != null) {
            output.add(instead);
        } else {
            log.debug("dropping inbound message: {}", text);
        }
        long open = stack.size() - 1 + (inOpen ? 1 : 0);
        stack.subList(1, stack.size()).clear();
        inOpen = false;
        if (open == 0) {
            endMessage();
        } else {
            discarding = open;
        }
    }

    private void endMessage() {
        message.clear();
    }

    private Unslicer top() {
        return stack.get(stack.size() - 1);
    }

    // ---- DecodeContext

    @Override
    public InboundReferences references() {
        return references;
    }

    @Override
    public void registerObject(long objectId, Object obj) {
        message.register(objectId, obj);
    }

    @Override
    public void charge(long units) {
        message.charge(units);
    }

    @Override
    public <T> T perMessage(Class<T> type, Function<DecodeContext, T> create) {
        return message.memo(type, () -> create.apply(this));
    }

    @Override
    public Object getObject(long objectId) {
        return message.get(objectId);
    }
}
