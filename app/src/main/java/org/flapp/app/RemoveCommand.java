package org.flapp.app;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.flapp.config.BaseDirectory;
import org.flapp.config.ConfigException;
import org.flapp.config.ServiceEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flappserver remove BASEDIR SWISSNUM} (not in Python): deletes a service from
 * {@code services.json}, which revokes its FURL at once. A running server (ours) refuses new
 * lookups of it immediately and drops references peers already hold within a second (it watches
 * the file). The service's directory is kept. A whole FURL is accepted in place of the swissnum.
 */
@Command(name = "remove", description = "remove a service, revoking its FURL", mixinStandardHelpOptions = true)
final class RemoveCommand extends Subcommand implements Callable<Integer> {
    @Option(names = {"-q", "--quiet"}, description = "Be silent upon success")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "BASEDIR")
    Path basedir;

    @Parameters(index = "1", paramLabel = "SWISSNUM", description = "the service's swissnum (or its whole FURL)")
    String swissnum;

    @Override
    public Integer call() throws CliFailure {
        String name = swissnum.startsWith("pb://") ? swissnum.substring(swissnum.lastIndexOf('/') + 1) : swissnum;
        Optional<ServiceEntry> removed;
        try {
            removed = BaseDirectory.open(basedir).removeService(name);
        } catch (ConfigException e) {
            throw new CliFailure("Error: " + e.getMessage());
        }
        if (removed.isEmpty()) {
            throw new CliFailure("Error: " + basedir + " has no service with swissnum " + name);
        }
        if (!quiet) {
            out().println("Service " + name + " removed (" + removed.get().type() + " in "
                    + basedir.resolve(removed.get().relativeBasedir()) + "); its FURL no longer works");
        }
        return 0;
    }
}
