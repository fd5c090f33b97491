package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.internal.banana.Unslicer;
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

    static final class ReferenceUnslicer extends Unslicer {
        private Long target;

        @Override
        public void checkToken(int type, long size) {
            requireType(type, Tokens.INT, "ReferenceUnslicer only accepts INTs");
            if (target != null) {
                throw new BananaProtocolException("ReferenceUnslicer only accepts one INT");
            }
        }

        @Override
        public void receiveChild(Object child, DecodeContext ctx) {
            if (!(child instanceof Long n)) {
                throw new BananaProtocolException("dangling reference '" + child + "'");
            }
            target = n;
        }

        @Override
        public Object receiveClose(DecodeContext ctx) {
            if (target == null) {
                throw new BananaProtocolException("reference sequence without a number");
            }
            return ctx.getObject(target);
        }

        @Override
        public String describe() {
            return "<ref-" + target + ">";
        }
    }
}
