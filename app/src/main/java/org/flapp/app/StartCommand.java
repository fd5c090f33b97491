package org.flapp.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flappserver start BASEDIR [twistd options] [--max-commands N]} (options may also come
 * before BASEDIR): by default launches the server in the background and returns once it accepts
 * connections ({@link DaemonLauncher}); with {@code --nodaemon} (or twistd's {@code -n}) runs it in
 * this process until SIGTERM ({@link ServerMain}). twistd's options: {@link TwistdOptions}.
 */
@Command(name = "start", description = "launch an app server", mixinStandardHelpOptions = true,
        customSynopsis = "flappserver start BASEDIR [twistd options] [--max-commands N]")
final class StartCommand extends Subcommand implements Callable<Integer> {
    @Mixin
    TwistdOptions twistd;

    /** Set by the launcher for its background child: where to say it serves. */
    @Option(names = "--ready-file", hidden = true)
    Path readyFile;

    @Option(names = "--max-commands", paramLabel = "N",
            description = "most commands all run-command services may run at once (default: BASEDIR/max-commands, else "
                    + org.flapp.services.command.RunningCommands.DEFAULT_CAPACITY + ")")
    Integer maxCommands;

    @Parameters(paramLabel = "BASEDIR")
    Path basedir;

    @Override
    public Integer call() throws CliFailure {
        return start(this, twistd, basedir, maxCommands, Optional.ofNullable(readyFile));
    }

    /** What the options ask, or the usage error (twistd's own words for a daemon told to log to stdout). */
    static TwistdOptions.Settings settings(TwistdOptions twistd, Path basedir) throws CliFailure {
        try {
            return twistd.settings(basedir, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage().startsWith("Daemons") ? e.getMessage() : "Error: " + e.getMessage());
        }
    }

    /** {@code start}, and the second half of {@code restart}. */
    static int start(Subcommand command, TwistdOptions twistd, Path basedir, Integer maxCommands, Optional<Path> readyFile)
            throws CliFailure {
        TwistdOptions.Settings settings = settings(twistd, basedir);
        if (readyFile.isEmpty()) {
            twistd.ignored().forEach(command.err()::println);
        }
        OptionalInt cap = maxCommands == null ? OptionalInt.empty() : OptionalInt.of(maxCommands);
        if (settings.nodaemon()) {
            if (readyFile.isEmpty()) {
                command.err().println("Launching Server...");
                command.err().flush();
            }
            return ServerMain.run(basedir, settings, readyFile, cap, command.out(), command.err());
        }
        List<String> childOptions = new ArrayList<>();
        if (maxCommands != null) {
            childOptions.addAll(List.of("--max-commands", maxCommands.toString()));
        }
        return new DaemonLauncher(DaemonLauncher.DEFAULT_TIMEOUT, childOptions)
                .launch(basedir, settings, command.out(), command.err());
    }
}
