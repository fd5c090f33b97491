package org.flapp.rpc.internal.message;

import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.internal.banana.Unslicer;
import org.flapp.rpc.internal.slicer.FailureSlicer;
import org.flapp.rpc.internal.slicer.ValueEncoder;
import org.flapp.rpc.internal.slicer.ValueTypes;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.banana.Tokens;

/**
 * The {@code error} message: {@code OPEN 'error' INT reqID <copyable Failure> CLOSE}. Anything
 * but a copied Failure after the reqID is a Violation (FailureConstraint).
 */
public final class ErrorSlicer {
    private ErrorSlicer() {}

    public static void write(ValueEncoder enc, long reqId, Throwable failure) {
        long id = enc.open("error");
        enc.writer.writeInt(reqId);
        FailureSlicer.write(enc, FailureSlicer.Fields.of(failure));
        enc.close(id);
    }

    static final class ErrorUnslicer extends ReplyUnslicer {
        ErrorUnslicer() {
            super("error");
        }

        @Override
        void checkBodyToken(int type) {
            if (type != Tokens.OPEN) {
                throw new ViolationException(Tokens.name(type) + " token rejected by FailureConstraint");
            }
        }

        @Override
        public Unslicer openChild(String type, String second, DecodeContext ctx) {
            if (!type.equals("copyable") || !FailureSlicer.CLASS_NAME.equals(second)) {
                throw new ViolationException("FailureConstraint does not accept " + ValueTypes.openTypeRepr(type, second));
            }
            return new FailureSlicer.FailureUnslicer();
        }

        @Override
        PbMessage message(long reqId, Object failure) {
            return new ErrorMessage(reqId, (RemoteException) failure);
        }
    }
}
