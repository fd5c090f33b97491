package org.flapp.rpc.internal.message;

import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.internal.slicer.ValueEncoder;
import org.flapp.rpc.Constraint;

/** The {@code answer} message: {@code OPEN 'answer' INT reqID <value> CLOSE}. */
public final class AnswerSlicer {
    private AnswerSlicer() {}

    public static void write(ValueEncoder enc, long reqId, Object value) {
        long id = enc.open("answer");
        enc.writer.writeInt(reqId);
        enc.write(value);
        enc.close(id);
    }

    static final class AnswerUnslicer extends ReplyUnslicer {
        private Constraint expected = Constraint.any();

        AnswerUnslicer() {
            super("answer");
        }

        @Override
        public Constraint childConstraint() {
            return reqId == null ? Constraint.any() : expected;
        }

        @Override
        void requestIdRead(DecodeContext ctx) {
            expected = ctx.references().expectedAnswer(reqId);
        }

        @Override
        PbMessage message(long reqId, Object value) {
            return new AnswerMessage(reqId, value);
        }
    }
}
