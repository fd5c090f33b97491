package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.internal.banana.BananaProtocolException;
import org.flapp.rpc.internal.banana.Tokens;

/**
 * A second occurrence of a shared object within one message: {@code OPEN 'reference' INT N CLOSE}
 * with N the open-ID (sender) / OPEN count (receiver) of the first occurrence. A number with no
 * object behind it is fatal ({@code dangling reference}).
 */
final class ReferenceSlicer {
    private ReferenceSlicer() {}

    static void write(ValueEncoder enc, long openId) {
        long id = enc.open("reference");
        enc.writer.writeInt(openId);
        enc.close(id);
    }

    static final class ReferenceUnslicer extends OneTokenUnslicer<Long> {
        ReferenceUnslicer() {
            super(type -> type == Tokens.INT, new Wording("ReferenceUnslicer only accepts INTs",
                    "ReferenceUnslicer only accepts one INT", "reference sequence without a number"));
        }

        @Override
        Long convert(Object child) {
            if (!(child instanceof Long n)) {
                throw new BananaProtocolException("dangling reference '" + child + "'");
            }
            return n;
        }

        @Override
        Object finish(Long target, DecodeContext ctx) {
            return ctx.getObject(target);
        }

        @Override
        public String describe() {
            return "<ref-" + value + ">";
        }
    }
}
