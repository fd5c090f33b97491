package org.flapp.app;

import java.time.Duration;
import org.flapp.config.BaseDirectory;
import org.flapp.config.ConfigException;
import org.flapp.rpc.Tub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A flappserver serving one base directory in this process: a Tub with the directory's key,
 * listening on its {@code port}, announcing its {@code location}, resolving names through
 * {@code services.json} ({@link ServiceNameLookup}) and revoking removed ones
 * ({@link RevocationWatcher}). No pid file, logging set-up or signals: see {@link ServerMain}.
 *
 * <pre>{@code
 * try (RunningServer server = RunningServer.start(BaseDirectory.open(dir), builder, Duration.ofSeconds(1))) {
 *     ... server.port() ...
 * }
 * }</pre>
 *
 * <p>Thread-safe; {@link #close} may be called from a shutdown hook.
 */
final class RunningServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunningServer.class);

    private final Tub tub;
    private final RevocationWatcher watcher;
    private final int port;

    private RunningServer(Tub tub, RevocationWatcher watcher, int port) {
        this.tub = tub;
        this.watcher = watcher;
        this.port = port;
    }

    /**
     * Starts serving.
     *
     * @param pollInterval how often {@code services.json} is checked for removed services
     * @throws ConfigException when the directory's files are unusable (bad port, no location, bad key)
     *     or the port cannot be bound
     */
    static RunningServer start(BaseDirectory dir, ServiceBuilder builder, Duration pollInterval) throws ConfigException {
        String portText = dir.port();
        java.util.Optional<SystemdPort> systemd;
        PortSpec portSpec;
        try {
            systemd = SystemdPort.parse(portText);
            portSpec = systemd.isPresent() ? null : PortSpec.parse(portText);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("bad port in " + dir.path().resolve("port") + ": " + e.getMessage(), e);
        }
        String location = dir.location();
        Tub tub = new Tub(dir.identity());
        RevocationWatcher watcher = new RevocationWatcher(dir.servicesFile(), tub::revoke);
        try {
            watcher.start(pollInterval);
            tub.setNameLookup(new ServiceNameLookup(dir, builder, watcher::served));
            tub.setLocation(location);
            int port = systemd.isPresent() ? listenInherited(tub, systemd.get()) : listen(tub, portSpec);
            log.info("Tub {} listening on port {} ({}), location {}", tub.tubId(), port,
                    systemd.isPresent() ? portText : portSpec.tubEndpoint(), location);
            return new RunningServer(tub, watcher, port);
        } catch (ConfigException | RuntimeException e) {
            watcher.close();
            tub.shutdown();
            throw e;
        }
    }

    /** Binds the port; Netty reports a taken port as a checked exception it does not declare. */
    private static int listen(Tub tub, PortSpec portSpec) throws ConfigException {
        try {
            return tub.listenOn(portSpec.tubEndpoint());
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new ConfigException("cannot listen on " + portSpec.tubEndpoint() + ": " + reason, e);
        }
    }

    /** Serves the socket systemd passed ({@link SocketActivation}). */
    private static int listenInherited(Tub tub, SystemdPort port) throws ConfigException {
        try {
            int fd = SocketActivation.fd(System.getenv(), ProcessHandle.current().pid(), port.index());
            return tub.listenOnInherited(fd);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new ConfigException("cannot listen on the passed socket: " + e.getMessage(), e);
        }
    }

    /** The TCP port actually bound (differs from the configured one only for port 0). */
    int port() {
        return port;
    }

    /**
     * Starts loading, on a daemon thread of its own, what the first peer would otherwise wait for:
     * BoringSSL and the Tub's TLS contexts (0.1-0.15 s of a start's class loading). A server is
     * idle between start-up and its first connection, so this costs the first peer nothing.
     * Then, if the launcher asked for it, the list of classes a start loads
     * ({@link ClassListSnapshot}).
     */
    void preloadConnectionsInBackground() {
        Thread preload = new Thread(() -> {
            try {
                tub.preloadConnections();
            } catch (RuntimeException e) {
                log.debug("TLS contexts not prepared ahead (the first connection builds them): {}", e.toString());
            }
            ClassListSnapshot.requested().ifPresent(ClassListSnapshot::take);
        }, "flappserver-tls-preload");
        preload.setDaemon(true);
        preload.start();
    }

    String tubId() {
        return tub.tubId();
    }

    /** Stops listening, drops every connection, waits (briefly) for the Tub to finish. */
    @Override
    public void close() {
        watcher.close();
        try {
            tub.shutdown().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("the Tub did not shut down cleanly: {}", e.toString());
        }
        log.info("server stopped");
    }
}
