package org.flapp.app;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flappserver start [--nodaemon] [--max-commands N] BASEDIR}: by default launches the server in the background
 * and returns once it accepts connections ({@link DaemonLauncher}); with {@code --nodaemon} (or
 * twistd's {@code -n}) runs it in this process, logging to stdout, until SIGTERM
 * ({@link ServerMain}).
 */
@Command(name = "start", description = "launch an app server", mixinStandardHelpOptions = true)
final class StartCommand extends Subcommand implements Callable<Integer> {
    @Option(names = {"-n", "--nodaemon"}, description = "run in the foreground, logging to stdout (for systemd)")
    boolean nodaemon;

    /** Set by the launcher for its background child: log to flappserver.log, not stdout. */
    @Option(names = "--log-to-file", hidden = true)
    boolean logToFile;

    @Option(names = "--max-commands", paramLabel = "N",
            description = "most commands all run-command services may run at once (default: BASEDIR/max-commands, else "
                    + org.flapp.services.command.RunningCommands.DEFAULT_CAPACITY + ")")
    Integer maxCommands;

    @Parameters(paramLabel = "BASEDIR")
    Path basedir;

    @Override
    public Integer call() {
        if (nodaemon) {
            if (!logToFile) {
                err().println("Launching Server...");
                err().flush();
            }
            return ServerMain.run(basedir, logToFile, cap(), out(), err());
        }
        List<String> childOptions = maxCommands == null ? List.of() : List.of("--max-commands", maxCommands.toString());
        return new DaemonLauncher(DaemonLauncher.DEFAULT_TIMEOUT, childOptions).launch(basedir, out(), err());
    }

    private OptionalInt cap() {
        return maxCommands == null ? OptionalInt.empty() : OptionalInt.of(maxCommands);
    }
}
