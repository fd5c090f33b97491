package org.flapp.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.flapp.config.BaseDirectory;
import org.flapp.config.ConfigException;
import org.flapp.config.PublishedService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code flappserver status BASEDIR} (not in Python): whether the server runs (by its pid file), its
 * pid, port, TubID and services. Exit 0 when running, 3 when not (the LSB convention for status).
 */
@Command(name = "status", description = "show whether the server runs, its pid, port and services",
        mixinStandardHelpOptions = true)
final class StatusCommand extends Subcommand implements Callable<Integer> {
    static final int NOT_RUNNING = 3;

    @Parameters(paramLabel = "BASEDIR")
    Path basedir;

    @Override
    public Integer call() throws CliFailure {
        BaseDirectory dir;
        String port;
        String tubId;
        List<PublishedService> services;
        try {
            dir = BaseDirectory.open(basedir);
            port = dir.port();
            tubId = dir.tubId();
            services = dir.list();
        } catch (ConfigException e) {
            throw new CliFailure("Error: " + e.getMessage());
        }
        PidFile pidFile = new PidFile(basedir);
        OptionalLong recorded;
        Optional<ProcessHandle> live;
        try {
            recorded = pidFile.read();
            live = pidFile.liveProcess();
        } catch (IOException e) {
            throw new CliFailure("Error: " + e.getMessage());
        }
        int status;
        if (live.isPresent()) {
            out().println("running, PID " + live.get().pid());
            status = 0;
        } else if (recorded.isPresent()) {
            out().println("not running (stale twistd.pid names process " + recorded.getAsLong() + ")");
            status = NOT_RUNNING;
        } else {
            out().println("not running");
            status = NOT_RUNNING;
        }
        out().println("port " + port);
        out().println("TubID " + tubId);
        out().println(services.size() + (services.size() == 1 ? " service" : " services")
                + (services.isEmpty() ? "" : ":"));
        for (PublishedService s : services) {
            out().println("  " + s.swissnum() + " " + s.entry().type() + " " + String.join(" ", s.entry().args()));
        }
        return status;
    }
}
