package org.flapp.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flappserver stop [--quiet] BASEDIR}: see {@link ServerStopper}; exit 2 when nothing ran. */
@Command(name = "stop", description = "shut down an app server", mixinStandardHelpOptions = true)
final class StopCommand extends Subcommand implements Callable<Integer> {
    @Option(names = {"-q", "--quiet"}, description = "Be silent when the server is not already running")
    boolean quiet;

    @Parameters(paramLabel = "BASEDIR")
    Path basedir;

    @Override
    public Integer call() {
        return new ServerStopper(ServerStopper.DEFAULT_GRACE).stop(basedir, quiet, err());
    }
}
