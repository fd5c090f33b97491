package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.internal.banana.Unslicer;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.ViolationException;
import java.util.ArrayList;
import java.util.List;

/** Python's list: {@code OPEN 'list' items… CLOSE}; shareable; arrives as an ArrayList. */
final class ListSlicer {
    private ListSlicer() {}

    static void write(ValueEncoder enc, List<?> list) {
        long id = enc.openShared("list", list);
        for (Object item : list) {
            enc.write(item);
        }
        enc.close(id);
    }

    static final class ListUnslicer extends Unslicer {
        private final List<Object> list = new ArrayList<>();

        @Override
        public void start(long objectId, DecodeContext ctx) {
            ctx.registerObject(objectId, list);
        }

        @Override
        public Constraint childConstraint() {
            if (!(constraint instanceof Constraint.ListOf of)) {
                return Constraint.any();
            }
            if (list.size() >= of.maxLength()) {
                throw new ViolationException("the list is full: more than " + of.maxLength() + " items");
            }
            return of.item();
        }

        @Override
        public void receiveChild(Object child, DecodeContext ctx) {
            list.add(child);
        }

        @Override
        public Object receiveClose(DecodeContext ctx) {
            return list;
        }

        @Override
        public String describe() {
            return "[" + list.size() + "]";
        }
    }
}
