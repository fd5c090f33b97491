package org.flapp.app;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A fast path past picocli for the command lines that start a server: well-formed
 * {@code flappserver start} lines, among them the one the launcher script gives the server it
 * detaches ({@code start --detached=READYFILE ... BASEDIR}) and the one {@link DaemonLauncher}
 * gives its child. picocli stays the real parser (help, every usage error and its message);
 * this class only recognises a strict subset and says "not sure" (empty) for anything else,
 * and the caller then runs picocli as before.
 *
 * <p>Why: picocli's classes are Java 5 class files, which class-data sharing cannot archive and
 * which go through the old verifier, and it reads the annotations by reflection: about a third
 * of a server's start-up before it serves (docs/performance.md). A start that takes this path
 * loads none of it.
 *
 * <p>Recognised after {@code start}, in any order, each at most once: the flags {@code --nodaemon}
 * / {@code -n} and {@code --syslog}; the options {@code --logfile} / {@code -l}, {@code --pidfile},
 * {@code --prefix}, {@code --umask}, {@code --rundir} / {@code -d}, {@code --max-commands} (a
 * plain decimal without leading zeros) and the hidden {@code --detached} and {@code --ready-file},
 * as {@code --name=VALUE} (the value may be empty) or {@code --name VALUE} / {@code -x VALUE};
 * and exactly one BASEDIR. Refused (left to picocli): anything else, including values of the
 * next word that are empty or start with {@code -}, words starting with {@code @} (picocli's
 * argument files) and {@code --}. The result is the {@link StartCommand} picocli would have
 * filled in, so what runs afterwards is the same code. Stateless.
 */
final class QuickStartCommandLine {
    private static final Map<String, String> FLAGS = Map.of("--nodaemon", "--nodaemon", "-n", "--nodaemon",
            "--syslog", "--syslog");
    private static final Map<String, String> VALUED = Map.of("--logfile", "--logfile", "-l", "--logfile",
            "--pidfile", "--pidfile", "--prefix", "--prefix", "--umask", "--umask", "--rundir", "--rundir",
            "-d", "--rundir", "--max-commands", "--max-commands", "--detached", "--detached",
            "--ready-file", "--ready-file");
    /** What picocli gives an option that is not on the command line, when that is not null. */
    private static final String DEFAULT_PREFIX = "twisted";

    private QuickStartCommandLine() {}

    /** The {@code start} command {@code args} ask for, not run yet, or empty when picocli must parse them. */
    static Optional<StartCommand> parse(String[] args) {
        if (args.length < 2 || !args[0].equals("start")) {
            return Optional.empty();
        }
        Set<String> flags = new HashSet<>();
        Map<String, String> values = new HashMap<>();
        String basedir = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("@")) {
                return Optional.empty();
            }
            if (!arg.startsWith("-")) {
                if (basedir != null || arg.isEmpty()) {
                    return Optional.empty();
                }
                basedir = arg;
                continue;
            }
            String flag = FLAGS.get(arg);
            if (flag != null) {
                if (!flags.add(flag)) {
                    return Optional.empty();
                }
                continue;
            }
            int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = VALUED.get(eq < 0 ? arg : arg.substring(0, eq));
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else {
                value = i + 1 < args.length ? args[++i] : null;
                if (value == null || value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
                    return Optional.empty();
                }
            }
            if (name == null || values.putIfAbsent(name, value) != null) {
                return Optional.empty();
            }
        }
        if (basedir == null) {
            return Optional.empty();
        }
        return command(basedir, flags, values);
    }

    /** The command with the fields picocli would have set, or empty when a value needs picocli's converters. */
    private static Optional<StartCommand> command(String basedir, Set<String> flags, Map<String, String> values) {
        String maxCommands = values.get("--max-commands");
        if (maxCommands != null && !isPlainCount(maxCommands)) {
            return Optional.empty();
        }
        StartCommand start = new StartCommand();
        TwistdOptions twistd = new TwistdOptions();
        twistd.nodaemon = flags.contains("--nodaemon");
        twistd.syslog = flags.contains("--syslog");
        twistd.logfile = values.get("--logfile");
        twistd.pidfile = values.get("--pidfile");
        twistd.prefix = values.getOrDefault("--prefix", DEFAULT_PREFIX);
        twistd.umask = values.get("--umask");
        twistd.rundir = values.get("--rundir");
        start.twistd = twistd;
        start.maxCommands = maxCommands == null ? null : Integer.valueOf(maxCommands);
        try {
            start.basedir = Path.of(basedir);
            start.detachedReadyFile = path(values.get("--detached"));
            start.readyFile = path(values.get("--ready-file"));
        } catch (InvalidPathException e) {
            return Optional.empty(); // picocli says which argument
        }
        return Optional.of(start);
    }

    private static Path path(String value) {
        return value == null ? null : Path.of(value);
    }

    /** Digits without a leading zero (picocli's converter and {@link Integer#valueOf} agree on those), below 10^9. */
    private static boolean isPlainCount(String text) {
        if (text.isEmpty() || text.length() > 9 || (text.charAt(0) == '0' && text.length() > 1)) {
            return false;
        }
        for (int k = 0; k < text.length(); k++) {
            if (text.charAt(k) < '0' || text.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }
}
