package org.flapp.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/**
 * The twistd options {@code start} and {@code restart} take, before or after BASEDIR (Python's
 * flappserver passes everything after BASEDIR to twistd), with the effect twistd gives them;
 * {@link #settings} turns them into what the server does. Options that only make sense for a
 * Python process ({@code --reactor}, {@code --profile} and the like) are accepted and ignored with
 * a one-line notice ({@link #ignored}); {@code --uid}, {@code --gid} and {@code --chroot} are
 * refused rather than ignored, since a server that silently kept its privileges would be worse
 * than one that does not start. A picocli mixin; one instance per parse.
 */
final class TwistdOptions {
    @Option(names = {"-n", "--nodaemon"}, description = "run in the foreground (logging to stdout unless --logfile)")
    boolean nodaemon;

    @Option(names = {"-l", "--logfile"}, paramLabel = "FILE",
            description = "log to FILE (relative to BASEDIR; '-' for stdout) [default: twistd.log, stdout with --nodaemon]")
    String logfile;

    @Option(names = "--pidfile", paramLabel = "FILE",
            description = "the pid file (relative to BASEDIR; empty for none) [default: twistd.pid]")
    String pidfile;

    @Option(names = "--syslog", description = "log to syslog, not to a file")
    boolean syslog;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "twisted",
            description = "the tag of syslog messages [default: ${DEFAULT-VALUE}]")
    String prefix;

    @Option(names = "--umask", paramLabel = "OCTAL",
            description = "file creation mask when BASEDIR has no umask file [default: 0077 in the background]")
    String umask;

    @Option(names = {"-d", "--rundir"}, paramLabel = "DIR",
            description = "the server's working directory (relative to BASEDIR) [default: BASEDIR]")
    String rundir;

    @Option(names = {"-b", "--debug"}, hidden = true) boolean debug;
    @Option(names = {"-r", "--reactor"}, hidden = true) String reactor;
    @Option(names = {"-p", "--profile"}, hidden = true) String profile;
    @Option(names = "--profiler", hidden = true) String profiler;
    @Option(names = "--savestats", hidden = true) boolean savestats;
    @Option(names = "--spew", hidden = true) boolean spew;
    @Option(names = {"-o", "--no_save"}, hidden = true) boolean noSave;
    @Option(names = "--originalname", hidden = true) boolean originalname;
    @Option(names = "--logger", hidden = true) String logger;
    @Option(names = "--euid", hidden = true) boolean euid;
    @Option(names = {"-e", "--encrypted"}, hidden = true) boolean encrypted;
    @Option(names = {"-f", "--file"}, hidden = true) String file;
    @Option(names = {"-s", "--source"}, hidden = true) String source;
    @Option(names = {"-y", "--python"}, hidden = true) String python;

    @Option(names = {"-u", "--uid"}, hidden = true) String uid;
    @Option(names = {"-g", "--gid"}, hidden = true) String gid;
    @Option(names = "--chroot", hidden = true) String chroot;

    /** What the options ask of the server. */
    record Settings(boolean nodaemon, LogTarget log, Optional<Path> pidFile, OptionalInt umask, Path rundir) {}

    /**
     * The options' effect for {@code basedir}.
     *
     * @throws IllegalArgumentException naming the option that cannot be honoured
     */
    Settings settings(Path basedir, Map<String, String> env) {
        if (uid != null || gid != null || chroot != null) {
            String which = uid != null ? "--uid" : gid != null ? "--gid" : "--chroot";
            throw new IllegalArgumentException(which + " is not supported: start the server as the user it should run as"
                    + " (systemd User=/Group=, runuser, su)");
        }
        boolean foreground = nodaemon || debug;
        Path base = basedir.toAbsolutePath().normalize();
        LogTarget log = LogTarget.choose(foreground, logfile, syslog, prefix, base, env);
        Optional<Path> pid = pidfile == null ? Optional.of(base.resolve(PidFile.FILE_NAME))
                : pidfile.isEmpty() ? Optional.empty() : Optional.of(base.resolve(pidfile).normalize());
        OptionalInt mask = umask == null ? OptionalInt.empty() : OptionalInt.of(Umask.parse(umask));
        Path dir = rundir == null ? base : base.resolve(rundir).normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--rundir " + dir + " is not a directory");
        }
        return new Settings(foreground, log, pid, mask, dir);
    }

    /** One notice per option given that has no effect here. */
    List<String> ignored() {
        List<String> notices = new ArrayList<>();
        note(notices, debug, "--debug", "there is no Python debugger; it runs in the foreground");
        note(notices, reactor != null, "--reactor", "Flapp has no Twisted reactor");
        note(notices, profile != null || profiler != null || savestats, "--profile", "use Java's profilers instead");
        note(notices, spew, "--spew", "there is no Python code to trace");
        note(notices, noSave, "--no_save", "a server keeps no state to save");
        note(notices, originalname, "--originalname", "the process keeps its name anyway");
        note(notices, logger != null, "--logger", "use --logfile or --syslog");
        note(notices, euid, "--euid", "the server never changes its user");
        note(notices, encrypted || file != null || source != null || python != null, "--file/--source/--python",
                "a base directory has no application file");
        return notices;
    }

    private static void note(List<String> notices, boolean given, String option, String why) {
        if (given) {
            notices.add("flappserver: ignoring twistd option " + option + " (" + why + ")");
        }
    }

    /**
     * The options that give a background child {@code settings} (made absolute, so they survive
     * the child's own working directory), after {@code --nodaemon}.
     */
    static List<String> forChild(Settings settings) {
        List<String> args = new ArrayList<>();
        LogTarget log = settings.log();
        if (log.kind() == LogTarget.Kind.SYSLOG) {
            args.add("--syslog");
            args.add("--prefix=" + log.prefix());
        } else {
            args.add("--logfile=" + log.file());
        }
        args.add("--pidfile=" + settings.pidFile().map(Path::toString).orElse(""));
        settings.umask().ifPresent(m -> args.add("--umask=" + Umask.format(m)));
        args.add("--rundir=" + settings.rundir());
        return args;
    }
}
