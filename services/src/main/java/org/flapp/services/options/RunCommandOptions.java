package org.flapp.services.options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.flapp.services.BadServiceArguments;
import org.flapp.services.ServiceHelpRequested;

/**
 * The parsed arguments of a {@code run-command} service:
 * {@code [--accept-stdin|--no-stdin] [--send-stdout|--no-stdout] [--send-stderr|--no-stderr]
 * [--log-stdin|--no-log-stdin] [--log-stdout|--no-log-stdout] [--log-stderr|--no-log-stderr]
 * TARGETDIR COMMAND...}.
 *
 * <p>As Python's {@code CommandRunnerOptions}: options must precede TARGETDIR (everything after
 * it belongs to the command, dashes included); of two contradicting flags the last wins; the
 * flags cannot be abbreviated; defaults are no stdin, send stdout and stderr, log stderr only.
 * TARGETDIR is not checked here (Python does not check it either: a missing directory shows up
 * when the command runs), only made absolute against the base directory. COMMAND may be missing,
 * as in Python; running such a service then fails with a clear error.
 *
 * @param targetDir absolute working directory of the command
 * @param command the argv to run, looked up on PATH (may be empty, see above)
 */
public record RunCommandOptions(
        Path targetDir,
        List<String> command,
        boolean acceptStdin,
        boolean sendStdout,
        boolean sendStderr,
        boolean logStdin,
        boolean logStdout,
        boolean logStderr) {

    public RunCommandOptions {
        command = List.copyOf(command);
    }

    /** The six on/off settings, each set by a pair of flags (the last one given wins). */
    private enum Setting {
        ACCEPT_STDIN("accept-stdin", "no-stdin", false),
        SEND_STDOUT("send-stdout", "no-stdout", true),
        SEND_STDERR("send-stderr", "no-stderr", true),
        LOG_STDIN("log-stdin", "no-log-stdin", false),
        LOG_STDOUT("log-stdout", "no-log-stdout", false),
        LOG_STDERR("log-stderr", "no-log-stderr", true);

        final String on;
        final String off;
        final boolean byDefault;

        Setting(String on, String off, boolean byDefault) {
            this.on = on;
            this.off = off;
            this.byDefault = byDefault;
        }
    }

    private static final LongOptionParser PARSER = new LongOptionParser(options());

    private static List<LongOptionParser.Option> options() {
        List<LongOptionParser.Option> options = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            options.add(flag(setting.on));
            options.add(flag(setting.off));
        }
        options.add(new LongOptionParser.Option("help", false, true));
        options.add(new LongOptionParser.Option("version", false, true));
        return List.copyOf(options);
    }

    static final String USAGE = """
            Usage: flappserver add BASEDIR run-command [options] TARGETDIR COMMAND..
            Options:
                  --accept-stdin   allow client to write to COMMAND stdin
                  --help           Display this help and exit.
                  --log-stderr     log outbound stderr [default]
                  --log-stdin      log incoming stdin
                  --log-stdout     log outbound stdout
                  --no-log-stderr  do not log outbound stderr
                  --no-log-stdin   do not log incoming stdin [default]
                  --no-log-stdout  do not log outbound stdout [default]
                  --no-stderr      do not send COMMAND stderr to client
                  --no-stdin       do not write to COMMAND stdin [default]
                  --no-stdout      do not send COMMAND stdout to client
                  --send-stderr    send COMMAND stderr to client [default]
                  --send-stdout    send COMMAND stdout to client [default]
                  --version        Display the version and exit.

            This service allows clients to execute a pre-configured command and receive
            the exit code, optionally providing stdin and receiving stdout/stderr.
            """;

    /** Twisted lists flags that have an {@code opt_} method twice: never abbreviable. */
    private static LongOptionParser.Option flag(String name) {
        return new LongOptionParser.Option(name, false, false);
    }

    /**
     * Parses {@code args}; a relative TARGETDIR is resolved against {@code baseDir}.
     *
     * @throws ServiceHelpRequested for {@code --help} or {@code --version}
     * @throws BadServiceArguments with the message the CLI prints
     */
    public static RunCommandOptions parse(List<String> args, Path baseDir) throws BadServiceArguments {
        LongOptionParser.Result parsed = PARSER.parse(args);
        Map<Setting, Boolean> settings = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            settings.put(setting, setting.byDefault);
        }
        for (LongOptionParser.Found option : parsed.options()) {
            switch (option.name()) {
                case "help" -> throw new ServiceHelpRequested(USAGE);
                case "version" -> throw new ServiceHelpRequested(Version.line());
                default -> set(settings, option.name());
            }
        }
        if (parsed.positionals().isEmpty()) {
            throw LongOptionParser.usage("Wrong number of arguments.");
        }
        // not normalized: "a/../b" must mean what chdir(2) makes of it, as in Python
        Path targetDir = baseDir.toAbsolutePath().resolve(parsed.positionals().get(0));
        List<String> command = parsed.positionals().subList(1, parsed.positionals().size());
        return new RunCommandOptions(targetDir, command, settings.get(Setting.ACCEPT_STDIN),
                settings.get(Setting.SEND_STDOUT), settings.get(Setting.SEND_STDERR),
                settings.get(Setting.LOG_STDIN), settings.get(Setting.LOG_STDOUT), settings.get(Setting.LOG_STDERR));
    }

    private static void set(Map<Setting, Boolean> settings, String flag) {
        for (Setting setting : Setting.values()) {
            if (flag.equals(setting.on) || flag.equals(setting.off)) {
                settings.put(setting, flag.equals(setting.on));
                return;
            }
        }
        throw new IllegalStateException("option table and settings disagree: " + flag);
    }
}
