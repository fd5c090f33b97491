package org.flapp.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the service manager about the server's state through {@code $NOTIFY_SOCKET} (systemd's
 * {@code sd_notify(3)} protocol, for {@code Type=notify} units): {@code READY=1} once it accepts
 * connections, {@code STOPPING=1} when it begins to shut down. Without the variable it does nothing.
 * A failed notification is logged, never fatal: the server serves either way. Thread-safe.
 */
final class SystemdNotifier {
    private static final Logger log = LoggerFactory.getLogger(SystemdNotifier.class);

    private final Optional<String> socket;

    private SystemdNotifier(Optional<String> socket) {
        this.socket = socket;
    }

    static SystemdNotifier fromEnvironment(Map<String, String> env) {
        String path = env.get("NOTIFY_SOCKET");
        return new SystemdNotifier(path == null || path.isBlank() ? Optional.empty() : Optional.of(path));
    }

    void ready(long pid) {
        send("READY=1\nMAINPID=" + pid + "\nSTATUS=serving\n");
    }

    void stopping() {
        send("STOPPING=1\n");
    }

    private void send(String state) {
        if (socket.isEmpty()) {
            return;
        }
        try {
            UnixDatagram.send(socket.get(), state.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            log.warn("cannot notify the service manager through {}: {}", socket.get(), e.getMessage());
        }
    }
}
