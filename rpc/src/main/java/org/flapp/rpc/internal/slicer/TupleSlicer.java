package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.DecodeContext;
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
        enc.writeItems(enc.openShared("tuple", tuple), tuple);
    }

    static final class TupleUnslicer extends ContainerUnslicer<Constraint.TupleOf, Tuple> {
        private final List<Object> items = new ArrayList<>();

        TupleUnslicer() {
            super(Constraint.TupleOf.class, TupleConstruction.maker().placeholder(), true);
        }

        @Override
        Constraint next(Constraint.TupleOf of) {
            checkRoom(items.size(), of.items().size(), "too many items in tuple", "");
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
            TupleConstruction.maker().complete(value, items);
            return value;
        }

        @Override
        public String describe() {
            return "[" + items.size() + "]";
        }
    }
}
