package org.flapp.app;

import java.util.Map;
import java.util.OptionalInt;

/**
 * The sockets systemd passed this process (its socket-activation protocol, as {@code
 * sd_listen_fds(3)} reads it): {@code LISTEN_FDS} sockets from file descriptor 3 on, meant for this
 * process only when {@code LISTEN_PID} is its pid (a child that inherited the variables must not
 * take them). Stateless; reads the given environment.
 */
final class SocketActivation {
    /** The first passed descriptor (SD_LISTEN_FDS_START). */
    static final int FIRST_FD = 3;

    private SocketActivation() {}

    /**
     * The file descriptor of the {@code index}th passed socket.
     *
     * @throws IllegalStateException saying why there is none: no sockets passed, passed to another
     *     process, or fewer than {@code index + 1}
     */
    static int fd(Map<String, String> env, long pid, int index) {
        String listenPid = env.get("LISTEN_PID");
        String listenFds = env.get("LISTEN_FDS");
        if (listenPid == null || listenFds == null) {
            throw new IllegalStateException("the port is systemd:..., but no socket was passed (LISTEN_FDS is not set):"
                    + " start the server through its .socket unit");
        }
        if (!listenPid.strip().equals(Long.toString(pid))) {
            throw new IllegalStateException("the passed sockets are for process " + listenPid.strip() + " (LISTEN_PID), not "
                    + pid);
        }
        OptionalInt count = count(listenFds);
        if (count.isEmpty()) {
            throw new IllegalStateException("LISTEN_FDS is not a number: '" + listenFds + "'");
        }
        if (index >= count.getAsInt()) {
            throw new IllegalStateException("the port asks for passed socket index " + index + " but systemd passed "
                    + count.getAsInt());
        }
        return FIRST_FD + index;
    }

    private static OptionalInt count(String text) {
        String s = text.strip();
        if (s.isEmpty() || s.length() > 4 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(s));
    }
}
