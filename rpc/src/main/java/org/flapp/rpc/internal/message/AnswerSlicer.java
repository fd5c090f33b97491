package org.flapp.rpc.internal.message;

import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.internal.banana.Unslicer;
import org.flapp.rpc.internal.slicer.ReferenceSlicers;
import org.flapp.rpc.internal.slicer.ValueEncoder;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.banana.BananaProtocolException;
import org.flapp.rpc.internal.banana.Tokens;

/** The {@code answer} message: {@code OPEN 'answer' INT reqID <value> CLOSE}. */
public final class AnswerSlicer {
    private AnswerSlicer() {}

    public static void write(ValueEncoder enc, long reqId, Object value) {
        long id = enc.open("answer");
        enc.writer.writeInt(reqId);
        enc.write(value);
        enc.close(id);
    }

    static final class AnswerUnslicer extends Unslicer implements Abandonable {
        private Long reqId;
        private Constraint expected = Constraint.any();
        private boolean haveValue;
        private Object value;

        @Override
        public void checkToken(int type, long size) {
            if (reqId == null) {
                requireType(type, Tokens.INT, "request ID must be an INT");
            } else if (haveValue) {
                throw new BananaProtocolException("stop sending me stuff!");
            }
        }

        @Override
        public Constraint childConstraint() {
            return reqId == null ? Constraint.any() : expected;
        }

        @Override
        public void receiveChild(Object child, DecodeContext ctx) {
            if (reqId == null) {
                reqId = ReferenceSlicers.asLong(child, "request ID");
                expected = ctx.references().expectedAnswer(reqId);
            } else {
                value = child;
                haveValue = true;
            }
        }

        @Override
        public Object receiveClose(DecodeContext ctx) {
            if (!haveValue) {
                throw new BananaProtocolException("'answer' sequence ended too early");
            }
            return new AnswerMessage(reqId, value);
        }

        @Override
        public PbMessage abandoned(ViolationException cause, String text) {
            return reqId == null ? null : new RejectedAnswer(reqId, text);
        }

        @Override
        public String describe() {
            return "<answer reqID=" + reqId + ">";
        }
    }
}
