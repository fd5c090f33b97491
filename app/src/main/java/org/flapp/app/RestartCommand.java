package org.flapp.app;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flappserver restart BASEDIR [twistd options]}: stops the server if it runs (quietly if
 * not), then starts it as {@link StartCommand} does, with the same options.
 */
@Command(name = "restart", description = "(first stop if necessary, then) start a server", mixinStandardHelpOptions = true,
        customSynopsis = "flappserver restart BASEDIR [twistd options] [--max-commands N]")
final class RestartCommand extends Subcommand implements Callable<Integer> {
    @Mixin
    TwistdOptions twistd;

    @Option(names = "--max-commands", paramLabel = "N", description = "as for start")
    Integer maxCommands;

    @Parameters(paramLabel = "BASEDIR")
    Path basedir;

    @Override
    public Integer call() throws CliFailure {
        StartCommand.settings(twistd, basedir); // a bad option stops nothing
        new ServerStopper(ServerStopper.DEFAULT_GRACE).stop(basedir, true, err());
        return StartCommand.start(this, twistd, basedir, maxCommands, Optional.empty());
    }
}
