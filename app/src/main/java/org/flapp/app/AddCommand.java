package org.flapp.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.flapp.config.BaseDirectory;
import org.flapp.config.ConfigException;
import org.flapp.config.PublishedService;
import org.flapp.services.ServiceFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flappserver add [--comment C] [--quiet] BASEDIR SERVICE-TYPE SERVICE-ARGS...}: validates the
 * arguments by building the service once (nothing is written if that fails), records it under a
 * new swissnum and prints its FURL. Options stop at BASEDIR, as in Python (Twisted's getopt), so the
 * service's own options pass through untouched. A running server serves it at once.
 */
@Command(name = "add", description = "add new service to an app server", mixinStandardHelpOptions = true,
        footer = {"", "Use 'flappserver add BASEDIR SERVICE-TYPE --help' for details.", "",
                "SERVICE-TYPE can be one of the following:", "  run-command", "  upload-file"})
final class AddCommand extends Subcommand implements Callable<Integer> {
    @Option(names = {"-c", "--comment"}, paramLabel = "C", description = "optional comment describing this service")
    String comment;

    @Option(names = {"-q", "--quiet"}, description = "Be silent upon success")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "BASEDIR")
    Path basedir;

    @Parameters(index = "1", paramLabel = "SERVICE-TYPE")
    String type;

    @Parameters(index = "2..*", paramLabel = "SERVICE-ARGS")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws CliFailure {
        BaseDirectory dir;
        try {
            dir = BaseDirectory.open(basedir);
        } catch (ConfigException e) {
            throw new CliFailure("Error: " + e.getMessage());
        }
        PublishedService added;
        // relative paths are checked against the caller's directory, as Python's add does
        Path callerDirectory = Path.of("").toAbsolutePath();
        try (ServiceFactory services = new ServiceFactory()) {
            added = dir.addService(type, args, comment, (serviceDir, t, a) -> {
                try {
                    services.build(t, a, callerDirectory, serviceDir);
                } catch (Exception e) {
                    throw new ServiceRejected(e);
                }
            });
        } catch (ServiceRejected e) {
            String help = ServiceFailures.helpText(e.getCause());
            if (help != null) {
                out().print(help);
                return 0;
            }
            throw new CliFailure(ServiceFailures.forUser((Exception) e.getCause()));
        } catch (ConfigException e) {
            throw new CliFailure("Error: " + e.getMessage());
        }
        if (!quiet) {
            out().println("Service added in " + added.directory());
            out().println("FURL is " + added.furl());
        }
        return 0;
    }

    /** The service could not be built from the arguments: carries the services module's exception. */
    private static final class ServiceRejected extends ConfigException {
        ServiceRejected(Exception cause) {
            super(String.valueOf(cause.getMessage()), cause);
        }
    }
}
