package org.flapp.rpc.internal.reference;

import java.util.HashMap;
import java.util.Map;

/**
 * The proxies for objects the peer exported to us on one connection, by the peer's clid. We never
 * send a decref (the peer's export stays until the connection closes, as it would with a Python
 * client that holds the reference), so receptions are not counted. Event-loop confined.
 */
public final class ImportTable {
    private final CallSender sender;
    private final Map<Long, RemoteReferenceImpl> byClid = new HashMap<>();

    public ImportTable(CallSender sender) {
        this.sender = sender;
    }

    /** The proxy for a received my-reference, made on first sight. */
    public RemoteReferenceImpl received(long clid, String interfaceName, String url) {
        RemoteReferenceImpl proxy = byClid.computeIfAbsent(clid,
                id -> new RemoteReferenceImpl(sender, id, interfaceName, url));
        proxy.learnFurl(url);
        return proxy;
    }
}
