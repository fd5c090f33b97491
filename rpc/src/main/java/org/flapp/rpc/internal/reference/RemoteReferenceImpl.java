package org.flapp.rpc.internal.reference;

import java.util.Arrays;
import org.flapp.rpc.Constraint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.furl.Furl;

/**
 * The proxy for one object the peer exported to us on one connection, named by the peer's clid.
 * Calls go through the connection's {@link CallSender}; once the connection is gone every call
 * fails with a dead-reference error.
 */
public final class RemoteReferenceImpl implements RemoteReference {
    private final CallSender sender;
    private final long clid;
    private final String interfaceName;
    private volatile String furl;

    public RemoteReferenceImpl(CallSender sender, long clid, String interfaceName, String furl) {
        this.sender = sender;
        this.clid = clid;
        this.interfaceName = interfaceName == null ? "" : interfaceName;
        this.furl = furl;
    }

    /** The peer's id for the object on this connection. */
    public long clid() {
        return clid;
    }

    /** The connection this proxy belongs to. */
    public CallSender sender() {
        return sender;
    }

    /** Records the FURL when a later my-reference brings one. */
    void learnFurl(String url) {
        if (url != null && furl == null) {
            furl = url;
        }
    }

    @Override
    public CompletableFuture<Object> callRemote(String method, Object... args) {
        return sender.sendCall(clid, interfaceName, method, Arrays.asList(args), Map.of());
    }

    @Override
    public CompletableFuture<Object> callRemote(String method, List<?> args, Map<String, ?> kwargs) {
        return sender.sendCall(clid, interfaceName, method, args, kwargs);
    }

    @Override
    public CompletableFuture<Object> callExpecting(Constraint answer, String method, Object... args) {
        return sender.sendCall(clid, interfaceName, method, Arrays.asList(args), Map.of(), answer);
    }

    @Override
    public CompletableFuture<Void> callRemoteOnly(String method, Object... args) {
        return sender.sendCallOnly(clid, method, Arrays.asList(args), Map.of());
    }

    @Override
    public Subscription notifyOnDisconnect(Runnable callback) {
        return sender.onDisconnect(callback);
    }

    @Override
    public boolean isConnected() {
        return sender.isOpen();
    }

    @Override
    public String remoteTubId() {
        return sender.peerTubId();
    }

    @Override
    public Optional<String> furl() {
        return Optional.ofNullable(furl);
    }

    @Override
    public List<String> locationHints() {
        String url = furl;
        return url == null ? List.of() : Furl.parse(url).hints();
    }

    @Override
    public String toString() {
        return "RemoteReference[tubid=" + sender.peerTubId().substring(0, Math.min(4, sender.peerTubId().length()))
                + ", clid=" + clid + (sender.isOpen() ? "" : ", dead") + "]";
    }
}
