package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.DecodeContext;
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

    /** The list being filled is the result itself, registered at OPEN for cycles through it. */
    static final class ListUnslicer extends ItemsUnslicer<Object> {
        @Override
        Object item(Object child) {
            return child;
        }

        @Override
        public void start(long objectId, DecodeContext ctx) {
            ctx.registerObject(objectId, items);
        }

        @Override
        public Object receiveClose(DecodeContext ctx) {
            return items;
        }
    }
}
