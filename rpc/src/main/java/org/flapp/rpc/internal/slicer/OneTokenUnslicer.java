package org.flapp.rpc.internal.slicer;

import java.util.function.IntPredicate;
import org.flapp.rpc.internal.banana.BananaProtocolException;
import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.internal.banana.Unslicer;

/**
 * A leaf sequence whose body is exactly one token (boolean, unicode, decimal, reference): a token
 * of another type, a second token, or a CLOSE before the token are fatal. The wording of those
 * three errors is Foolscap's, which differs from type to type, so each type passes its own.
 *
 * @param <T> what the token is turned into
 */
abstract class OneTokenUnslicer<T> extends Unslicer {
    /** The three protocol errors of one type, in Foolscap's words. */
    record Wording(String wrongToken, String secondToken, String noToken) {}

    private final IntPredicate accepts;
    private final Wording wording;
    /** The token turned into its value; null until it arrived. */
    T value;

    OneTokenUnslicer(IntPredicate accepts, Wording wording) {
        this.accepts = accepts;
        this.wording = wording;
    }

    @Override
    public final void checkToken(int type, long size) {
        if (!accepts.test(type)) {
            throw new BananaProtocolException(wording.wrongToken());
        }
        if (value != null) {
            throw new BananaProtocolException(wording.secondToken());
        }
        checkSize(size);
    }

    /** Refuses a body too large to be read (none by default); called before the body is read. */
    void checkSize(long size) {}

    @Override
    public final void receiveChild(Object child, DecodeContext ctx) {
        value = convert(child);
    }

    /** The token's value (Long for INT, byte[] for a string) turned into what this type stands for. */
    abstract T convert(Object child);

    @Override
    public final Object receiveClose(DecodeContext ctx) {
        if (value == null) {
            throw new BananaProtocolException(wording.noToken());
        }
        return finish(value, ctx);
    }

    /** The sequence's value once closed: the token's value by default. */
    Object finish(T converted, DecodeContext ctx) {
        return converted;
    }
}
