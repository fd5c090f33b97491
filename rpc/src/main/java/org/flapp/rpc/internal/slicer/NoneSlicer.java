package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.internal.banana.Unslicer;
import org.flapp.rpc.internal.banana.BananaProtocolException;

/** Python's None: {@code OPEN 'none' CLOSE}, no body; Java null. */
final class NoneSlicer {
    private NoneSlicer() {}

    static void write(ValueEncoder enc) {
        enc.close(enc.open("none"));
    }

    static final class NoneUnslicer extends Unslicer {
        @Override
        public void checkToken(int type, long size) {
            throw new BananaProtocolException("NoneUnslicer does not accept any tokens");
        }

        @Override
        public void receiveChild(Object child, DecodeContext ctx) {
            throw new BananaProtocolException("NoneUnslicer does not accept any tokens");
        }

        @Override
        public Object receiveClose(DecodeContext ctx) {
            return null;
        }

        @Override
        public String describe() {
            return "<none>";
        }
    }
}
