package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.internal.banana.Unslicer;
import org.flapp.rpc.internal.banana.BananaProtocolException;
import org.flapp.rpc.internal.banana.Tokens;

/** Python's bool: {@code OPEN 'boolean' INT 0|1 CLOSE} (a sequence, not an integer). */
final class BooleanSlicer {
    private BooleanSlicer() {}

    static void write(ValueEncoder enc, boolean value) {
        long id = enc.open("boolean");
        enc.writer.writeInt(value ? 1 : 0);
        enc.close(id);
    }

    static final class BooleanUnslicer extends Unslicer {
        private Boolean value;

        @Override
        public void checkToken(int type, long size) {
            requireType(type, Tokens.INT, "BooleanUnslicer only accepts an INT token");
            if (value != null) {
                throw new BananaProtocolException("BooleanUnslicer only accepts one token");
            }
        }

        @Override
        public void receiveChild(Object child, DecodeContext ctx) {
            value = !Long.valueOf(0).equals(child);
        }

        @Override
        public Object receiveClose(DecodeContext ctx) {
            if (value == null) {
                throw new BananaProtocolException("boolean sequence without a value");
            }
            return value;
        }

        @Override
        public String describe() {
            return "<bool>";
        }
    }
}
