package org.flapp.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process named by a pid file really is a running server of that base directory, from
 * {@code /proc}: a zombie (killed, not yet reaped) is not running, and a live process is a server
 * of the directory only if its command line is a flappserver's (ours or Python's twistd) and its
 * working directory is the base directory (both background launchers run the server there). A
 * Flapp server in the foreground (systemd) is recognised by its {@link ServerLock} instead.
 *
 * <p>Stateless.
 */
final class ServerProcessCheck {
    private ServerProcessCheck() {}

    /** True when {@code /proc/PID/stat} says the process is a zombie. */
    static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            // "PID (COMM) STATE ...": COMM may hold spaces and parentheses
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** True when process {@code pid} looks like a flappserver running in {@code basedir}. */
    static boolean looksLikeServerOf(long pid, Path basedir) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String cmdline = Files.readString(proc.resolve("cmdline"), StandardCharsets.UTF_8);
            boolean server = false;
            for (String arg : cmdline.split("\0")) {
                String name = arg.substring(arg.lastIndexOf('/') + 1);
                if (arg.equals(FlappServer.class.getName()) || name.equals("flappserver") || name.equals("twistd")) {
                    server = true;
                }
            }
            return server && Files.isSameFile(proc.resolve("cwd"), basedir);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
