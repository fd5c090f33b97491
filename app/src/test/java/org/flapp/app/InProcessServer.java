package org.flapp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flapp.config.BaseDirectory;
import org.flapp.services.ServiceFactory;

/**
 * Our flappserver for end-to-end tests: a base directory made by our {@code create} on a free
 * loopback port, served in this JVM; services are added with our {@code add} while it runs.
 */
final class InProcessServer implements AutoCloseable {
    private static final Pattern FURL_LINE = Pattern.compile("FURL is (pb://\\S+)");

    private final Path basedir;
    private final ServiceFactory services;
    private final RunningServer server;

    private InProcessServer(Path basedir, ServiceFactory services, RunningServer server) {
        this.basedir = basedir;
        this.services = services;
        this.server = server;
    }

    /** Creates a base directory at {@code basedir} and starts serving it. */
    static InProcessServer start(Path basedir) throws Exception {
        int port = PythonPeer.freePort();
        CliRun created = CliRun.ours("create", "-q", "--port", "tcp:" + port + ":interface=127.0.0.1",
                "--location", "tcp:127.0.0.1:" + port, basedir.toString());
        assertEquals(0, created.status(), created::toString);
        ServiceFactory services = new ServiceFactory();
        try {
            RunningServer server = RunningServer.start(BaseDirectory.open(basedir), services::build,
                    Duration.ofSeconds(1));
            return new InProcessServer(basedir, services, server);
        } catch (Exception | Error e) {
            services.close();
            throw e;
        }
    }

    /** Adds a service with our {@code add} (the running server sees it at once); its FURL. */
    String add(String... typeAndArgs) {
        List<String> args = new ArrayList<>(List.of("add", basedir.toString()));
        args.addAll(List.of(typeAndArgs));
        CliRun added = CliRun.ours(args.toArray(String[]::new));
        Matcher m = FURL_LINE.matcher(added.out());
        assertTrue(m.find(), added::toString);
        return m.group(1);
    }

    /** Adds a run-command service: options, TARGETDIR, then the command. */
    String command(String... optionsAndCommand) {
        List<String> args = new ArrayList<>(List.of("run-command"));
        args.addAll(List.of(optionsAndCommand));
        return add(args.toArray(String[]::new));
    }

    @Override
    public void close() {
        server.close();
        services.close();
    }
}
