package org.flapp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's flappserver (the oracle) as a daemon process: a base directory made by its
 * {@code create} on a free loopback port, services added with its {@code add} (it reads them at
 * every lookup, so they may be added while it runs), stopped by {@link #close()}. Call
 * {@link PythonPeer#require()} first.
 */
record PythonServer(Path cwd, Path basedir) implements AutoCloseable {
    private static final Pattern FURL_LINE = Pattern.compile("FURL is (pb://\\S+)");

    /** Creates the base directory {@code basedir} (not yet started). */
    static PythonServer create(Path basedir) {
        int port = PythonPeer.freePort();
        Path cwd = basedir.toAbsolutePath().getParent();
        CliRun created = PythonPeer.flappserver(cwd, "create", "--quiet", "--port",
                "tcp:" + port + ":interface=127.0.0.1", "--location", "tcp:127.0.0.1:" + port, basedir.toString());
        assertEquals(0, created.status(), created::toString);
        return new PythonServer(cwd, basedir);
    }

    /** Adds a service ({@code type} and its arguments); returns its FURL. */
    String add(String... typeAndArgs) {
        List<String> cmd = new ArrayList<>(List.of("add", basedir.toString()));
        cmd.addAll(List.of(typeAndArgs));
        CliRun added = PythonPeer.flappserver(cwd, cmd.toArray(String[]::new));
        Matcher m = FURL_LINE.matcher(added.out());
        assertTrue(m.find(), added::toString);
        return m.group(1);
    }

    /** Starts the daemon ({@code flappserver start} returns once it listens). */
    PythonServer start() {
        CliRun run = PythonPeer.flappserver(cwd, "start", basedir.toString());
        assertEquals(0, run.status(), run::toString);
        return this;
    }

    /** Stops the daemon; without one running, Python's {@code stop} only says so. */
    @Override
    public void close() {
        PythonPeer.flappserver(cwd, "stop", basedir.toString());
    }
}
