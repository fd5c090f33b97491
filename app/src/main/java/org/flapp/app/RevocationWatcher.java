package org.flapp.app;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.flapp.config.ConfigException;
import org.flapp.config.ServicesFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices services removed from {@code services.json} while the server runs (by
 * {@code flappserver remove}, Python's tools or an editor) and revokes their names on the Tub, so
 * references peers already hold through them are dropped too, not only new lookups refused.
 *
 * <p>Polls: every interval it reads the file (small; written atomically by every writer, so a read
 * never sees half a file) and revokes each name it knew that is gone. Polling is used rather than a
 * {@code WatchService} because that misses renames onto the file on some file systems and adds
 * nothing at one-second resolution. Names are known from the file and from lookups
 * ({@link #served}), so a service added and removed between two polls is still revoked.
 *
 * <p>Thread-safe; polls on one daemon thread of its own. An unreadable file revokes nothing (a
 * broken edit must not cut every client off); a missing file means no services.
 */
final class RevocationWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RevocationWatcher.class);
    /** Logged once a removed service's FURL no longer works (tests wait for it). */
    static final String REVOKED = "its FURL is revoked";

    private final ServicesFile file;
    private final Consumer<String> revoke;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    RevocationWatcher(ServicesFile file, Consumer<String> revoke) {
        this.file = file;
        this.revoke = revoke;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flappserver-services-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    /** Reads the file once now, then every {@code interval}. */
    void start(Duration interval) throws ConfigException {
        known.addAll(file.read().keySet());
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::pollQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Records that {@code name} was handed to a peer. */
    void served(String name) {
        known.add(name);
    }

    /** One poll: revokes every known name no longer in the file. */
    void poll() throws ConfigException {
        Set<String> present = file.read().keySet();
        for (String name : new HashSet<>(known)) {
            if (!present.contains(name)) {
                known.remove(name);
                revoke.accept(name);
                log.info("a service was removed from {}: " + REVOKED, file.path().getFileName());
            }
        }
        known.addAll(present);
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (ConfigException e) {
            log.warn("cannot read the services file; nothing revoked: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("revoking a removed service failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
