package org.flapp.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.Tub;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.furl.Furl;
import org.flapp.rpc.furl.TorHint;

/**
 * Connects through a new {@link Tub} with a throw-away EC identity (fast to make, and every
 * flappclient run is a new client anyway, as with Python's). The Tub is created only here, so
 * the RPC engine's classes are loaded only by commands that really connect.
 *
 * <p>Shutting down waits at most {@link #SHUTDOWN_WAIT}: the process exits right after, and the
 * server copes with a connection that just closes.
 */
final class TubConnector implements ServiceConnector {
    static final Duration SHUTDOWN_WAIT = Duration.ofMillis(500);
    /** Extra time over the engine's own connect timeout before we stop waiting ourselves. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    @Override
    public ServiceConnection connect(String furl, Duration timeout) throws ClientFailure {
        Furl parsed = FurlSource.parse(furl);
        List<String> hints = parsed.hints();
        Tub tub;
        try {
            tub = new Tub(EngineWarmup.identity(), TubOptions.builder()
                    .connectTimeout(timeout)
                    .negotiationTimeout(timeout)
                    .torSocksProxy(torProxy(parsed))
                    .build());
        } catch (RuntimeException e) {
            throw new ClientFailure(ClientFailure.Reason.UNEXPECTED, "cannot start the RPC engine: " + e.getMessage(), e);
        }
        CompletableFuture<RemoteReference> lookup = null;
        try {
            lookup = tub.getReference(parsed);
            RemoteReference service = lookup.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
            return new TubConnection(tub, service);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown(tub);
            throw new ClientFailure(ClientFailure.Reason.INTERRUPTED, "interrupted while connecting", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            if (lookup != null) {
                lookup.cancel(true);
            }
            shutdown(tub);
            throw ErrorReporter.connectFailure(e, hints, timeout);
        }
    }

    /** The Tor SOCKS port, looked up only for a FURL with a tor: hint. */
    private static InetSocketAddress torProxy(Furl furl) throws ClientFailure {
        boolean tor = furl.hints().stream().anyMatch(h -> TorHint.parse(h).isPresent());
        return tor ? TorSocksPort.from(System.getenv()) : null;
    }

    private static void shutdown(Tub tub) {
        try {
            tub.shutdown().get(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // leaving now matters more than a tidy close; the peer sees the socket close
        }
    }

    private record TubConnection(Tub tub, RemoteReference service) implements ServiceConnection {
        @Override
        public void close() {
            shutdown(tub);
        }
    }
}
