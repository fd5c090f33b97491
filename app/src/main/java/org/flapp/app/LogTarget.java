package org.flapp.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the server's log goes, chosen as twistd chooses it ({@link #choose}). Immutable.
 *
 * @param kind which of the four
 * @param file the log file, for {@link Kind#FILE}
 * @param prefix the syslog tag, for {@link Kind#SYSLOG}
 * @param syslogSocket the syslog daemon's socket, for {@link Kind#SYSLOG}
 */
record LogTarget(Kind kind, Path file, String prefix, String syslogSocket) {
    enum Kind { FILE, STDOUT, JOURNAL, SYSLOG }

    /** The syslog daemon's socket; {@code FLAPP_SYSLOG_SOCKET} names another (tests). */
    static final String SYSLOG_SOCKET = "/dev/log";

    /**
     * twistd's rules: {@code --syslog} wins; {@code --logfile=-} is standard output, refused for a
     * daemon (which has none); a foreground server without {@code --logfile} logs to standard output;
     * otherwise the file ({@code twistd.log} by default), relative to the base directory. Standard
     * output that is systemd's journal ({@code $JOURNAL_STREAM} names it) gets journald's format.
     *
     * @throws IllegalArgumentException for a daemon asked to log to standard output
     */
    static LogTarget choose(boolean nodaemon, String logfile, boolean syslog, String prefix, Path basedir,
                            Map<String, String> env) {
        if (syslog) {
            return new LogTarget(Kind.SYSLOG, null, prefix, env.getOrDefault("FLAPP_SYSLOG_SOCKET", SYSLOG_SOCKET));
        }
        if ("-".equals(logfile) || nodaemon && (logfile == null || logfile.isEmpty())) {
            if (!nodaemon) {
                throw new IllegalArgumentException("Daemons cannot log to stdout, exiting!");
            }
            return new LogTarget(stdoutIsJournal(env.get("JOURNAL_STREAM")) ? Kind.JOURNAL : Kind.STDOUT, null, null, null);
        }
        String name = logfile == null || logfile.isEmpty() ? LogSetup.LOG_FILE : logfile;
        return new LogTarget(Kind.FILE, basedir.toAbsolutePath().resolve(name).normalize(), null, null);
    }

    /**
     * Whether this process's standard output is the stream {@code $JOURNAL_STREAM} names
     * ({@code DEVICE:INODE}, as systemd sets it): a service whose output was redirected elsewhere
     * inherits the variable but not the journal. When the descriptor cannot be examined, the
     * variable alone decides.
     */
    static boolean stdoutIsJournal(String journalStream) {
        if (journalStream == null || journalStream.isBlank()) {
            return false;
        }
        try {
            Path stdout = Path.of("/proc/self/fd/1");
            Object dev = Files.getAttribute(stdout, "unix:dev");
            Object ino = Files.getAttribute(stdout, "unix:ino");
            return journalStream.strip().equals(dev + ":" + ino);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return true;
        }
    }
}
