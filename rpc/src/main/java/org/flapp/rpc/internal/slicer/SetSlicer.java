package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.Constraint;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.flapp.rpc.FrozenSet;
import org.flapp.rpc.internal.banana.BananaProtocolException;

/**
 * Python's set, {@code OPEN 'set' items… CLOSE}, and frozenset, {@code OPEN 'immutable-set'
 * items… CLOSE}, sent in iteration order. A set is shareable and arrives as a LinkedHashSet in
 * arrival order. A frozenset is not shared by the sender (as Python's); the receiver registers
 * the finished {@link FrozenSet} so a reference after it still resolves. Members must be hashable
 * in Python's sense (no list, dict or set: fatal, as Python's TypeError is); a member equal to an
 * earlier one is dropped, with Python's equality (byte strings by content, 1 == 1.0 == True).
 */
final class SetSlicer {
    private SetSlicer() {}

    static void write(ValueEncoder enc, Set<?> set) {
        enc.writeItems(enc.openShared("set", set), set);
    }

    static void writeFrozen(ValueEncoder enc, FrozenSet set) {
        enc.writeItems(enc.open("immutable-set"), set);
    }

    static final class SetUnslicer extends ContainerUnslicer<Constraint.SetOf, Set<Object>> {
        private final boolean frozen;
        private final Set<Object> keys = new HashSet<>();
        private final BucketMeter keyBuckets = new BucketMeter();
        private final BucketMeter memberBuckets = new BucketMeter();

        /** {@code frozen}: an {@code immutable-set}, which arrives as a {@link FrozenSet}. */
        SetUnslicer(boolean frozen) {
            super(Constraint.SetOf.class, new LinkedHashSet<>(), !frozen);
            this.frozen = frozen;
        }

        @Override
        Constraint next(Constraint.SetOf of) {
            return ifRoom(value.size(), of.maxLength(), "the set is full", " members", of.member());
        }

        @Override
        public void receiveChild(Object child, DecodeContext ctx) {
            PyKeys pyKeys = PyKeys.of(ctx);
            Object key = pyKeys.keyOf(child);
            if (key == null) {
                throw new BananaProtocolException("unhashable set member " + PyKeys.typeName(child));
            }
            pyKeys.chargeInsertion(keyBuckets, key.hashCode());
            if (keys.add(key)) {
                pyKeys.chargeInsertion(memberBuckets, Objects.hashCode(child)); // None is null
                value.add(child);
            }
        }

        @Override
        public Object receiveClose(DecodeContext ctx) {
            if (!frozen) {
                return value;
            }
            FrozenSet set = FrozenSet.copyOf(value);
            registerFinished(set, ctx);
            return set;
        }

        @Override
        public String describe() {
            return frozen ? "<immutable-set>" : "<set>";
        }
    }
}
