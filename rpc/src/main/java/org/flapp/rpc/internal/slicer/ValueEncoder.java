package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.CodecLimits;
import org.flapp.rpc.internal.reference.OutboundReference;
import org.flapp.rpc.internal.reference.OutboundReferences;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flapp.rpc.FrozenSet;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.Tuple;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.banana.TokenWriter;

/**
 * Serializes the values of one top-level message: picks each value's slicer (explicit type
 * table, most specific type first: Tuple before List, FrozenSet before Set), numbers OPENs from
 * the connection's counter, and turns a second occurrence of the same list/tuple/dict/set object
 * (identity) into {@code reference N}. One instance per message; not thread-safe.
 */
public final class ValueEncoder {
    public final TokenWriter writer;
    private final OutboundReferences references;
    private final IdentityHashMap<Object, Long> shared = new IdentityHashMap<>();
    private long nextOpenId;
    private int depth;

    public ValueEncoder(TokenWriter writer, OutboundReferences references, long firstOpenId) {
        this.writer = writer;
        this.references = references;
        this.nextOpenId = firstOpenId;
    }

    public long nextOpenId() {
        return nextOpenId;
    }

    /** Writes OPEN and the open-type, returns the sequence's open-ID. */
    public long open(String openType) {
        if (++depth > CodecLimits.MAX_SEND_DEPTH) {
            throw new ViolationException("cannot serialize: nesting deeper than " + CodecLimits.MAX_SEND_DEPTH);
        }
        long id = nextOpenId++;
        writer.writeOpen(id);
        writer.writeString(openType);
        return id;
    }

    public void close(long openId) {
        depth--;
        writer.writeClose(openId);
    }

    /** Opens a shareable sequence and remembers {@code value} as its first occurrence. */
    public long openShared(String openType, Object value) {
        long id = open(openType);
        shared.put(value, id);
        return id;
    }

    /** Writes each item, then the CLOSE of the sequence {@code openId} that holds them. */
    void writeItems(long openId, Iterable<?> items) {
        for (Object item : items) {
            write(item);
        }
        close(openId);
    }

    /** Writes {@code reference N} when {@code value} was already sent in this message. */
    private boolean writeIfShared(Object value) {
        Long id = shared.get(value);
        if (id == null) {
            return false;
        }
        ReferenceSlicer.write(this, id);
        return true;
    }

    public void write(Object value) {
        if (value == null) {
            NoneSlicer.write(this);
        } else if (value instanceof Boolean b) {
            BooleanSlicer.write(this, b);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            writer.writeInt(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            writer.writeInt(big);
        } else if (value instanceof Double || value instanceof Float) {
            writer.writeFloat(((Number) value).doubleValue());
        } else if (value instanceof byte[] bytes) {
            writer.writeString(bytes);
        } else if (value instanceof String text) {
            UnicodeSlicer.write(this, text);
        } else if (value instanceof BigDecimal decimal) {
            DecimalSlicer.write(this, decimal);
        } else if (value instanceof FrozenSet set) {
            SetSlicer.writeFrozen(this, set);
        } else if (value instanceof Tuple || value instanceof List || value instanceof Map
                || value instanceof Set) {
            if (!writeIfShared(value)) {
                writeContainer(value);
            }
        } else if (value instanceof RemoteException failure) {
            FailureSlicer.write(this, FailureSlicer.Fields.of(failure));
        } else {
            OutboundReference ref = references.describe(value);
            if (ref == null) {
                throw new ViolationException("cannot serialize " + value.getClass().getName());
            }
            ReferenceSlicers.write(this, ref);
        }
    }

    private void writeContainer(Object value) {
        if (value instanceof Tuple tuple) {
            TupleSlicer.write(this, tuple);
        } else if (value instanceof List<?> list) {
            ListSlicer.write(this, list);
        } else if (value instanceof Map<?, ?> map) {
            DictSlicer.write(this, map);
        } else {
            SetSlicer.write(this, (Set<?>) value);
        }
    }
}
