package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.RemoteException;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.banana.BananaProtocolException;
import org.flapp.rpc.internal.banana.Tokens;

/**
 * The {@code error} message: {@code OPEN 'error' INT reqID <copyable Failure> CLOSE}. Anything
 * but a copied Failure after the reqID is a Violation (FailureConstraint).
 */
final class ErrorSlicer {
    private ErrorSlicer() {}

    static void write(ValueEncoder enc, long reqId, Throwable failure) {
        long id = enc.open("error");
        enc.writer.writeInt(reqId);
        FailureSlicer.write(enc, FailureSlicer.Fields.of(failure));
        enc.close(id);
    }

    static final class ErrorUnslicer extends Unslicer {
        private Long reqId;
        private RemoteException failure;

        @Override
        void checkToken(int type, long size) {
            if (reqId == null) {
                requireType(type, Tokens.INT, "request ID must be an INT");
            } else if (failure != null) {
                throw new BananaProtocolException("stop sending me stuff!");
            } else if (type != Tokens.OPEN) {
                throw new ViolationException(Tokens.name(type) + " token rejected by FailureConstraint");
            }
        }

        @Override
        Unslicer openChild(String type, String second, DecodeContext ctx) {
            if (!type.equals("copyable") || !FailureSlicer.CLASS_NAME.equals(second)) {
                throw new ViolationException("FailureConstraint does not accept " + ValueTypes.openTypeRepr(type, second));
            }
            return new FailureSlicer.FailureUnslicer();
        }

        @Override
        void receiveChild(Object child, DecodeContext ctx) {
            if (reqId == null) {
                reqId = ReferenceSlicers.asLong(child, "request ID");
            } else {
                failure = (RemoteException) child;
            }
        }

        @Override
        Object receiveClose(DecodeContext ctx) {
            if (failure == null) {
                throw new BananaProtocolException("'error' sequence ended too early");
            }
            return new ErrorMessage(reqId, failure);
        }

        @Override
        String describe() {
            return "<error reqID=" + reqId + ">";
        }
    }
}
