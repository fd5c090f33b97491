package org.flapp.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.flapp.config.BaseDirectory;
import org.flapp.config.ConfigException;
import org.flapp.config.CreateSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flappserver create [--port P] --location L [--umask U] [--max-commands N] [--quiet] BASEDIR}: makes a new
 * base directory (mode 0700) with a new Tub key. Unlike Python it checks the port specification
 * now rather than at start, and does not print Python's spurious "Server Running".
 */
@Command(name = "create", description = "create a new app server", mixinStandardHelpOptions = true)
final class CreateCommand extends Subcommand implements Callable<Integer> {
    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = CreateSettings.DEFAULT_PORT,
            description = "TCP port to listen on (strports string: tcp:PORT[:interface=ADDR], or systemd:domain=INET:index=0 for a socket systemd passes) [default: ${DEFAULT-VALUE}]")
    String port;

    @Option(names = {"-l", "--location"}, paramLabel = "HINTS",
            description = "(required) Tub location hints to use in generated FURLs. e.g. 'tcp:example.org:3116'")
    String location;

    @Option(names = "--umask", paramLabel = "OCTAL",
            description = "(octal) file creation mask to use for the server. If not provided, the current umask is copied.")
    String umask;

    @Option(names = "--max-commands", paramLabel = "N",
            description = "most commands all run-command services may run at once (default "
                    + org.flapp.services.command.RunningCommands.DEFAULT_CAPACITY + "; stored in BASEDIR/max-commands)")
    Integer maxCommands;

    @Option(names = {"-q", "--quiet"}, description = "Be silent upon success")
    boolean quiet;

    @Parameters(paramLabel = "BASEDIR")
    Path basedir;

    @Override
    public Integer call() throws CliFailure {
        if (location == null || location.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--location= is mandatory");
        }
        try {
            SystemdPort.check(port);
        } catch (IllegalArgumentException e) {
            throw new CliFailure("Error: bad --port '" + port + "': " + e.getMessage());
        }
        OptionalInt mask = OptionalInt.empty();
        if (umask != null) {
            try {
                mask = OptionalInt.of(Umask.parse(umask));
            } catch (IllegalArgumentException e) {
                throw new CliFailure("Error: bad --umask: " + e.getMessage());
            }
        }
        if (maxCommands != null) {
            try {
                CommandCap.check(maxCommands);
            } catch (IllegalArgumentException e) {
                throw new CliFailure("Error: " + e.getMessage());
            }
        }
        if (Files.exists(basedir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new CliFailure("Refusing to touch pre-existing directory " + basedir);
        }
        BaseDirectory dir;
        try {
            dir = BaseDirectory.create(basedir, new CreateSettings(location, port, mask));
        } catch (ConfigException e) {
            String message = e.getMessage();
            throw new CliFailure(message.startsWith("Refusing") ? message : "Error: " + message);
        }
        if (maxCommands != null) {
            try {
                CommandCap.write(basedir, maxCommands);
            } catch (java.io.IOException e) {
                throw new CliFailure("Error: cannot write " + basedir.resolve(CommandCap.FILE_NAME) + ": " + e.getMessage());
            }
        }
        if (!quiet) {
            try {
                out().println("Foolscap Application Server created in " + basedir);
                out().println("TubID " + dir.tubId() + ", listening on port " + port);
                out().println("Now launch the daemon with 'flappserver start " + basedir + "'");
            } catch (ConfigException e) {
                throw new CliFailure("Error: " + e.getMessage());
            }
        }
        return 0;
    }
}
