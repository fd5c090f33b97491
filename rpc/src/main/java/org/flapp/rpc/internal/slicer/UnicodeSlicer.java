package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.internal.banana.Unslicer;
import org.flapp.rpc.internal.banana.BananaProtocolException;

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

    static final class UnicodeUnslicer extends Unslicer {
        private String value;

        @Override
        public void checkToken(int type, long size) {
            if (!isString(type)) {
                throw new BananaProtocolException("UnicodeUnslicer only accepts strings");
            }
            if (value != null) {
                throw new BananaProtocolException("already received a string");
            }
        }

        @Override
        public void receiveChild(Object child, DecodeContext ctx) {
            value = Utf8.decodeStrict((byte[]) child, "unicode");
        }

        @Override
        public Object receiveClose(DecodeContext ctx) {
            if (value == null) {
                throw new BananaProtocolException("unicode sequence without a string");
            }
            return value;
        }

        @Override
        public String describe() {
            return "<unicode>";
        }
    }
}
