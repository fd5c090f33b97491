package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.Unslicer;

/**
 * Python's str: {@code OPEN 'unicode' STRING(utf-8) CLOSE}; the body is vocabulary-substituted
 * like any STRING. Never shared. Inbound bodies must be strict UTF-8 (fatal otherwise).
 */
final class UnicodeSlicer {
    private UnicodeSlicer() {}

    static void write(ValueEncoder enc, String text) {
        byte[] bytes = Utf8.encodeStrict(text);
        long id = enc.open("unicode");
        enc.writer.writeString(bytes);
        enc.close(id);
    }

    static final class UnicodeUnslicer extends OneTokenUnslicer<String> {
        UnicodeUnslicer() {
            super(Unslicer::isString, new Wording("UnicodeUnslicer only accepts strings",
                    "already received a string", "unicode sequence without a string"));
        }

        @Override
        String convert(Object child) {
            return Utf8.decodeStrict((byte[]) child, "unicode");
        }

        @Override
        public String describe() {
            return "<unicode>";
        }
    }
}
