package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.Constraint;
import java.util.ArrayList;
import java.util.List;

/** Python's list: {@code OPEN 'list' items… CLOSE}; shareable; arrives as an ArrayList. */
final class ListSlicer {
    private ListSlicer() {}

    static void write(ValueEncoder enc, List<?> list) {
        enc.writeItems(enc.openShared("list", list), list);
    }

    static final class ListUnslicer extends ContainerUnslicer<Constraint.ListOf, List<Object>> {
        ListUnslicer() {
            super(Constraint.ListOf.class, new ArrayList<>(), true);
        }

        @Override
        Constraint next(Constraint.ListOf of) {
            return ifRoom(value.size(), of.maxLength(), "the list is full", " items", of.item());
        }

        @Override
        public void receiveChild(Object child, DecodeContext ctx) {
            value.add(child);
        }

        @Override
        public String describe() {
            return "[" + value.size() + "]";
        }
    }
}
