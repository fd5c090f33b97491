package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.internal.banana.Unslicer;
import org.flapp.rpc.Constraint;
import java.util.LinkedHashSet;
import java.util.Set;
import org.flapp.rpc.FrozenSet;

/**
 * Python's frozenset: {@code OPEN 'immutable-set' items… CLOSE}. Not shared by the sender (as
 * Python's); the receiver registers the finished set so a reference after it still resolves.
 */
final class ImmutableSetSlicer {
    private ImmutableSetSlicer() {}

    static void write(ValueEncoder enc, FrozenSet set) {
        long id = enc.open("immutable-set");
        for (Object item : set) {
            enc.write(item);
        }
        enc.close(id);
    }

    static final class ImmutableSetUnslicer extends Unslicer {
        private final Set<Object> items = new LinkedHashSet<>();
        private final SetSlicer.Members members = new SetSlicer.Members();
        private long objectId;

        @Override
        public void start(long objectId, DecodeContext ctx) {
            this.objectId = objectId;
        }

        @Override
        public Constraint childConstraint() {
            return members.next(constraint, items.size());
        }

        @Override
        public void receiveChild(Object child, DecodeContext ctx) {
            members.add(child, items, ctx);
        }

        @Override
        public Object receiveClose(DecodeContext ctx) {
            FrozenSet set = FrozenSet.copyOf(items);
            ctx.registerObject(objectId, set);
            return set;
        }

        @Override
        public String describe() {
            return "<immutable-set>";
        }
    }
}
