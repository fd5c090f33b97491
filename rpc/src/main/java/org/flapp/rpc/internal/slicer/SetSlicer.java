package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.internal.banana.Unslicer;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.ViolationException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.flapp.rpc.internal.banana.BananaProtocolException;

/**
 * Python's set: {@code OPEN 'set' items… CLOSE}, sent in iteration order; shareable; arrives as
 * a LinkedHashSet in arrival order. Members must be hashable in Python's sense (no list, dict or
 * set: fatal, as Python's TypeError is); a member equal to an earlier one is dropped, with
 * Python's equality (byte strings by content, 1 == 1.0 == True).
 */
final class SetSlicer {
    private SetSlicer() {}

    static void write(ValueEncoder enc, Set<?> set) {
        long id = enc.openShared("set", set);
        for (Object item : set) {
            enc.write(item);
        }
        enc.close(id);
    }

    /** Collects hashable members without duplicates; shared by set and immutable-set. */
    static final class Members {
        /** What the next member must meet; a Violation if a {@link Constraint.SetOf} is full. */
        Constraint next(Constraint constraint, int size) {
            if (!(constraint instanceof Constraint.SetOf of)) {
                return Constraint.any();
            }
            if (size >= of.maxLength()) {
                throw new ViolationException("the set is full: more than " + of.maxLength() + " members");
            }
            return of.member();
        }

        private final Set<Object> keys = new HashSet<>();
        private final BucketMeter keyBuckets = new BucketMeter();
        private final BucketMeter memberBuckets = new BucketMeter();

        boolean add(Object member, Set<Object> target, DecodeContext ctx) {
            PyKeys pyKeys = PyKeys.of(ctx);
            Object key = pyKeys.keyOf(member);
            if (key == null) {
                throw new BananaProtocolException("unhashable set member " + PyKeys.typeName(member));
            }
            pyKeys.chargeInsertion(keyBuckets, key.hashCode());
            if (keys.add(key)) {
                pyKeys.chargeInsertion(memberBuckets, Objects.hashCode(member)); // None is null
                target.add(member);
                return true;
            }
            return false;
        }
    }

    static final class SetUnslicer extends Unslicer {
        private final Set<Object> set = new LinkedHashSet<>();
        private final Members members = new Members();

        @Override
        public void start(long objectId, DecodeContext ctx) {
            ctx.registerObject(objectId, set);
        }

        @Override
        public Constraint childConstraint() {
            return members.next(constraint, set.size());
        }

        @Override
        public void receiveChild(Object child, DecodeContext ctx) {
            members.add(child, set, ctx);
        }

        @Override
        public Object receiveClose(DecodeContext ctx) {
            return set;
        }

        @Override
        public String describe() {
            return "<set>";
        }
    }
}
