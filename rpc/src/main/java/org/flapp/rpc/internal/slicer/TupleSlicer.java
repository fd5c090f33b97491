package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.internal.banana.Unslicer;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.ViolationException;
import java.util.ArrayList;
import java.util.List;
import org.flapp.rpc.Tuple;

/**
 * Python's tuple: {@code OPEN 'tuple' items… CLOSE}; shareable. The receiver registers a
 * placeholder ({@link TupleConstruction}) at OPEN so a cycle through the tuple can refer to it,
 * and fills it at CLOSE.
 */
final class TupleSlicer {
    private TupleSlicer() {}

    static void write(ValueEncoder enc, Tuple tuple) {
        long id = enc.openShared("tuple", tuple);
        for (Object item : tuple) {
            enc.write(item);
        }
        enc.close(id);
    }

    static final class TupleUnslicer extends Unslicer {
        private final Tuple tuple = TupleConstruction.maker().placeholder();
        private final List<Object> items = new ArrayList<>();

        @Override
        public void start(long objectId, DecodeContext ctx) {
            ctx.registerObject(objectId, tuple);
        }

        @Override
        public Constraint childConstraint() {
            if (!(constraint instanceof Constraint.TupleOf of)) {
                return Constraint.any();
            }
            if (items.size() >= of.items().size()) {
                throw new ViolationException("too many items in tuple: more than " + of.items().size());
            }
            return of.items().get(items.size());
        }

        @Override
        public void receiveChild(Object child, DecodeContext ctx) {
            items.add(child);
        }

        @Override
        public Object receiveClose(DecodeContext ctx) {
            if (constraint instanceof Constraint.TupleOf of && items.size() != of.items().size()) {
                throw new ViolationException("tuple has " + items.size() + " items, " + of.items().size() + " wanted");
            }
            TupleConstruction.maker().complete(tuple, items);
            return tuple;
        }

        @Override
        public String describe() {
            return "[" + items.size() + "]";
        }
    }
}
