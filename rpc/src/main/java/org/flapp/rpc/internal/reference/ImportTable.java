package org.flapp.rpc.internal.reference;

import java.util.HashMap;
import java.util.Map;

/**
 * The proxies for objects the peer exported to us on one connection, by the peer's clid, with
 * how many times the peer sent each (the count a decref would return). Event-loop confined.
 */
public final class ImportTable {
    private final CallSender sender;
    private final Map<Long, Entry> byClid = new HashMap<>();

    private static final class Entry {
        final RemoteReferenceImpl proxy;
        long received;

        Entry(RemoteReferenceImpl proxy) {
            this.proxy = proxy;
        }
    }

    public ImportTable(CallSender sender) {
        this.sender = sender;
    }

    /** The proxy for a received my-reference, made on first sight; counts the reception. */
    public RemoteReferenceImpl received(long clid, String interfaceName, String url) {
        Entry entry = byClid.computeIfAbsent(clid,
                id -> new Entry(new RemoteReferenceImpl(sender, id, interfaceName, url)));
        entry.received++;
        entry.proxy.learnFurl(url);
        return entry.proxy;
    }

    public int size() {
        return byClid.size();
    }
}
