package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.ViolationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.flapp.rpc.internal.banana.BananaProtocolException;

/**
 * Python's dict: {@code OPEN 'dict' k1 v1 k2 v2 … CLOSE}, keys sorted in Python's order
 * ({@link PythonOrder}); shareable; arrives as a LinkedHashMap in arrival order. A key Python
 * cannot hash, and a duplicate key, are fatal inbound (as in Foolscap) and refused outbound.
 */
final class DictSlicer {
    private DictSlicer() {}

    static void write(ValueEncoder enc, Map<?, ?> map) {
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        Set<Object> seen = new HashSet<>();
        PyKeys pyKeys = PyKeys.unbounded();
        for (Map.Entry<?, ?> e : entries) {
            Object key = pyKeys.keyOf(e.getKey());
            if (key == null) {
                throw new ViolationException("cannot serialize a dict key of type " + PyKeys.typeName(e.getKey()));
            }
            if (!seen.add(key)) {
                throw new ViolationException("cannot serialize a dict with keys that are equal in Python: "
                        + e.getKey());
            }
        }
        try {
            entries.sort((x, y) -> PythonOrder.INSTANCE.compare(x.getKey(), y.getKey()));
        } catch (IllegalArgumentException inconsistent) {
            throw new ViolationException("cannot sort dict keys: " + inconsistent.getMessage());
        }
        long id = enc.openShared("dict", map);
        for (Map.Entry<?, ?> e : entries) {
            enc.write(e.getKey());
            enc.write(e.getValue());
        }
        enc.close(id);
    }

    static final class DictUnslicer extends ContainerUnslicer<Constraint.DictOf, Map<Object, Object>> {
        private final Set<Object> keys = new HashSet<>();
        private final BucketMeter keyBuckets = new BucketMeter();
        private final BucketMeter mapBuckets = new BucketMeter();
        private boolean haveKey;
        private Object key;

        DictUnslicer() {
            super(Constraint.DictOf.class, new LinkedHashMap<>(), true);
        }

        @Override
        Constraint next(Constraint.DictOf of) {
            if (haveKey) {
                return of.value();
            }
            return ifRoom(value.size(), of.maxKeys(), "the dict is full", " keys", of.key());
        }

        @Override
        public void receiveChild(Object child, DecodeContext ctx) {
            if (haveKey) {
                value.put(key, child);
                haveKey = false;
                key = null;
                return;
            }
            PyKeys pyKeys = PyKeys.of(ctx);
            Object pyKey = pyKeys.keyOf(child);
            if (pyKey == null) {
                throw new BananaProtocolException("unhashable key '" + PyKeys.typeName(child) + "'");
            }
            pyKeys.chargeInsertion(keyBuckets, pyKey.hashCode());
            pyKeys.chargeInsertion(mapBuckets, Objects.hashCode(child)); // None is null
            if (!keys.add(pyKey)) {
                throw new BananaProtocolException("duplicate key '" + Repr.of(child) + "'");
            }
            key = child;
            haveKey = true;
        }

        @Override
        public Object receiveClose(DecodeContext ctx) {
            if (haveKey) {
                throw new BananaProtocolException("dict ended after a key, before its value");
            }
            return value;
        }

        @Override
        public String describe() {
            return haveKey ? "{" + Repr.of(key) + "}" : "{}";
        }
    }
}
