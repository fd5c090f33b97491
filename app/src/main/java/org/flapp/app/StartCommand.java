package org.flapp.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flappserver start [--nodaemon] BASEDIR}: by default launches the server in the background
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

    @Parameters(paramLabel = "BASEDIR")
    Path basedir;

    @Override
    public Integer call() {
        if (nodaemon) {
            if (!logToFile) {
                err().println("Launching Server...");
                err().flush();
            }
            return ServerMain.run(basedir, logToFile, out(), err());
        }
        return new DaemonLauncher(DaemonLauncher.DEFAULT_TIMEOUT).launch(basedir, out(), err());
    }
}
