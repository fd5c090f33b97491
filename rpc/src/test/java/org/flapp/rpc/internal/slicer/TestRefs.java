package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.reference.InboundReferences;
import org.flapp.rpc.internal.reference.OutboundReference;
import org.flapp.rpc.internal.reference.OutboundReferences;
import java.util.ArrayList;
import java.util.List;

/**
 * Reference hooks for tests: inbound references become {@link Ref} records, and a Ref sent back
 * goes out exactly as it came (a my-reference without interface name stays "not first send").
 */
class TestRefs implements InboundReferences, OutboundReferences {
    record Ref(String kind, long id, String interfaceName, String url) {}

    final List<Ref> seen = new ArrayList<>();

    @Override
    public Object myReference(long clid, String interfaceName, String url) {
        return add(new Ref("my", clid, interfaceName, url));
    }

    @Override
    public Object yourReference(long clid) {
        return add(new Ref("your", clid, null, null));
    }

    @Override
    public Object theirReference(long giftId, String furl) {
        return add(new Ref("their", giftId, null, furl));
    }

    private Ref add(Ref ref) {
        seen.add(ref);
        return ref;
    }

    @Override
    public OutboundReference describe(Object value) {
        if (!(value instanceof Ref ref)) {
            return null;
        }
        return switch (ref.kind()) {
            case "my" -> new OutboundReference.Mine(ref.id(), ref.interfaceName(), ref.url());
            case "your" -> new OutboundReference.Yours(ref.id());
            default -> new OutboundReference.Theirs(ref.id(), ref.url());
        };
    }
}
