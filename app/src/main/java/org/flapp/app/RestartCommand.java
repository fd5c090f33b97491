package org.flapp.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flappserver restart BASEDIR}: stops the server if it runs (quietly if not), then starts it. */
@Command(name = "restart", description = "(first stop if necessary, then) start a server", mixinStandardHelpOptions = true)
final class RestartCommand extends Subcommand implements Callable<Integer> {
    @Parameters(paramLabel = "BASEDIR")
    Path basedir;

    @Override
    public Integer call() {
        new ServerStopper(ServerStopper.DEFAULT_GRACE).stop(basedir, true, err());
        return new DaemonLauncher(DaemonLauncher.DEFAULT_TIMEOUT, java.util.List.of()).launch(basedir, out(), err());
    }
}
