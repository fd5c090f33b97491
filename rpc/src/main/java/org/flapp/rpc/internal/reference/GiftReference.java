package org.flapp.rpc.internal.reference;

import java.util.List;
import org.flapp.rpc.Constraint;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.flapp.rpc.DeadReferenceException;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.furl.Furl;

/**
 * A reference to a third Tub's object that a peer handed us (a their-reference): we connect to
 * that Tub ourselves. The message that carried it is delivered only once {@link #resolution()}
 * is done, so users see a working reference; until then calls wait for it.
 */
public final class GiftReference implements RemoteReference {
    private final String furl;
    private final CompletableFuture<RemoteReference> resolution;

    public GiftReference(String furl, CompletableFuture<RemoteReference> resolution) {
        this.furl = furl;
        this.resolution = resolution;
    }

    public CompletableFuture<RemoteReference> resolution() {
        return resolution;
    }

    /** Completes once every one of {@code gifts} is connected; fails as the first failure does. */
    public static CompletableFuture<Void> allResolved(List<GiftReference> gifts) {
        return CompletableFuture.allOf(gifts.stream().map(GiftReference::resolution)
                .toArray(CompletableFuture[]::new));
    }

    private RemoteReference resolvedOrNull() {
        return resolution.isDone() && !resolution.isCompletedExceptionally() ? resolution.join() : null;
    }

    @Override
    public CompletableFuture<Object> callRemote(String method, Object... args) {
        return resolution.thenCompose(r -> r.callRemote(method, args));
    }

    @Override
    public CompletableFuture<Object> callRemote(String method, List<?> args, Map<String, ?> kwargs) {
        return resolution.thenCompose(r -> r.callRemote(method, args, kwargs));
    }

    @Override
    public CompletableFuture<Object> callExpecting(Constraint answer, String method, Object... args) {
        return resolution.thenCompose(r -> r.callExpecting(answer, method, args));
    }

    @Override
    public CompletableFuture<Void> callRemoteOnly(String method, Object... args) {
        return resolution.thenCompose(r -> r.callRemoteOnly(method, args));
    }

    @Override
    public Subscription notifyOnDisconnect(Runnable callback) {
        RemoteReference r = resolvedOrNull();
        if (r == null) {
            throw new DeadReferenceException("third-party reference to " + furl + " is not connected");
        }
        return r.notifyOnDisconnect(callback);
    }

    @Override
    public boolean isConnected() {
        RemoteReference r = resolvedOrNull();
        return r != null && r.isConnected();
    }

    @Override
    public String remoteTubId() {
        RemoteReference r = resolvedOrNull();
        return r != null ? r.remoteTubId() : Furl.parse(furl).tubId();
    }

    @Override
    public Optional<String> furl() {
        return Optional.of(furl);
    }

    @Override
    public List<String> locationHints() {
        return Furl.parse(furl).hints();
    }

    /** The connected reference behind this gift, once resolved (for sending it on). */
    public RemoteReference target() {
        return resolvedOrNull();
    }
}
