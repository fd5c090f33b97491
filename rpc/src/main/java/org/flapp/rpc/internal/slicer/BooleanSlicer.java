package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.Tokens;

/** Python's bool: {@code OPEN 'boolean' INT 0|1 CLOSE} (a sequence, not an integer). */
final class BooleanSlicer {
    private BooleanSlicer() {}

    static void write(ValueEncoder enc, boolean value) {
        long id = enc.open("boolean");
        enc.writer.writeInt(value ? 1 : 0);
        enc.close(id);
    }

    static final class BooleanUnslicer extends OneTokenUnslicer<Boolean> {
        BooleanUnslicer() {
            super(type -> type == Tokens.INT, new Wording("BooleanUnslicer only accepts an INT token",
                    "BooleanUnslicer only accepts one token", "boolean sequence without a value"));
        }

        @Override
        Boolean convert(Object child) {
            return !Long.valueOf(0).equals(child);
        }

        @Override
        public String describe() {
            return "<bool>";
        }
    }
}
