package org.flapp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.flapp.client.InProcessClient;
import org.flapp.testsupport.PythonFoolscap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The error matrix: every failure a client of the two services can meet, seen by Python's
 * flappclient (a process) against Python's flappserver (a process) and against ours (in this
 * JVM). Python's client prints a remote failure's traceback text, and a command's stderr; the
 * last line of what it prints ({@code module.Type: message}) must be the same for both servers,
 * once each server's own directory is written ROOT, and so must its exit status. Calls that
 * flappclient never makes (arguments of the wrong type) are made by call_remote.py, which prints
 * the failure as flappclient does. Our flappclient is checked against both servers as well: it
 * must say the same thing about each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ErrorMatrixTest {
    enum Server { PYTHON, OURS }

    /**
     * One failure case: the service it needs ({@code type} and arguments, {@code ROOT} standing
     * for the server's directory) and what the client does. {@code gone} is removed once the
     * service has been added. A null {@code oursDiffers} means the last lines must be equal;
     * otherwise ours is expected to start with it (a deliberate difference, said in the javadoc).
     */
    enum Case {
        /** The upload directory was removed after {@code add}: the lookup fails. */
        UPLOAD_TARGET_MISSING("upload", "gone-up", null, "upload-file", "ROOT/gone-up"),
        /** run-command's working directory was removed: the forked child cannot chdir. */
        WORKING_DIRECTORY_MISSING("run", "gone-wd", null, "run-command", "ROOT/gone-wd", "/bin/echo", "hi"),
        /** The command's path names no file. */
        COMMAND_PATH_MISSING("run", null, null, "run-command", "ROOT/wd", "/nonexistent/flapp-command"),
        /** The command is not found on PATH (Python names the last PATH entry it tried). */
        COMMAND_NOT_ON_PATH("run", null, null, "run-command", "ROOT/wd", "no-such-flapp-command"),
        /** upload-file's client against a run-command service. */
        UPLOAD_TO_RUN_COMMAND("upload", null, null, "run-command", "ROOT/wd", "/bin/true"),
        /** run-command's client against an upload-file service. */
        RUN_UPLOAD_FILE("run", null, null, "upload-file", "ROOT/wd"),
        /** A FURL whose swissnum the server does not know. */
        UNKNOWN_SWISSNUM("unknown-swissnum", null, null, "upload-file", "ROOT/wd"),
        /**
         * putfile with an int for its name. Python's service has no argument constraints and fails
         * inside the method (a TypeError); ours refuses the argument while decoding it, with the
         * Violation a Python service with a RemoteInterface sends.
         */
        PUTFILE_INT_NAME("call:putfile-int-name", null, "foolscap.tokens.Violation: Violation (",
                "upload-file", "ROOT/wd"),
        /** putfile without its source argument: TypeError there, a Violation here (see above). */
        PUTFILE_MISSING_SOURCE("call:putfile-missing-source", null,
                "foolscap.tokens.Violation: Violation (<RootUnslicer>.<methodcall reqID=2 methodname=putfile>):"
                        + " (\"missing required argument 'source'\",)", "upload-file", "ROOT/wd"),
        /** feed_stdin with an int: TypeError there, a Violation here (see above). */
        FEED_STDIN_INT("call:feed-stdin-int", null, "foolscap.tokens.Violation: Violation (",
                "run-command", "--accept-stdin", "ROOT/wd", "cat");

        final String client;
        final String gone;
        final String oursDiffers;
        final String[] service;

        Case(String client, String gone, String oursDiffers, String... service) {
            this.client = client;
            this.gone = gone;
            this.oursDiffers = oursDiffers;
            this.service = service;
        }
    }

    @TempDir
    static Path tmp;

    private InProcessServer ours;
    private PythonServer python;
    private final Map<Server, Path> roots = new EnumMap<>(Server.class);
    private final Map<Server, Map<Case, String>> furls = new EnumMap<>(Server.class);
    private Path source;

    @BeforeAll
    void startServers() throws Exception {
        if (!PythonFoolscap.isInstalled()) {
            return;  // each test fails or is skipped in require()
        }
        source = Files.writeString(tmp.resolve("source.txt"), "uploaded\n");
        python = PythonServer.create(tmp.resolve("python-server"));
        ours = InProcessServer.start(tmp.resolve("our-server"));
        for (Server server : Server.values()) {
            Path root = Files.createDirectories(tmp.resolve(server.name().toLowerCase() + "-root"));
            Files.createDirectories(root.resolve("wd"));
            roots.put(server, root);
            Map<Case, String> byCase = new EnumMap<>(Case.class);
            for (Case c : Case.values()) {
                if (c.gone != null) {
                    Files.createDirectories(root.resolve(c.gone));
                }
                byCase.put(c, add(server, root, c.service));
                if (c.gone != null) {
                    Files.delete(root.resolve(c.gone));
                }
            }
            furls.put(server, byCase);
        }
        python.start();
    }

    @AfterAll
    void stopServers() {
        if (python != null) {
            python.close();
        }
        if (ours != null) {
            ours.close();
        }
    }

    @BeforeEach
    void requirePeer() {
        PythonFoolscap.require();
    }

    private String add(Server server, Path root, String... service) {
        String[] args = new String[service.length];
        for (int i = 0; i < service.length; i++) {
            args[i] = service[i].replace("ROOT", root.toString());
        }
        if (server == Server.OURS) {
            return ours.add(args);
        }
        return python.add(args);
    }

    private String furl(Server server, Case c) {
        String furl = furls.get(server).get(c);
        if (c.client.equals("unknown-swissnum")) {
            return furl.substring(0, furl.lastIndexOf('/') + 1) + "nosuchswissnumnosuchswissnum2345";
        }
        return furl;
    }

    /** What Python's flappclient (or call_remote.py, for calls it never makes) prints. */
    private CliRun pythonClient(Server server, Case c) {
        String furl = furl(server, c);
        if (c.client.startsWith("call:")) {
            return PythonPeer.exec(tmp, List.of(PythonFoolscap.python(), script("call_remote.py").toString(), furl,
                    c.client.substring("call:".length())), 60);
        }
        return c.client.equals("upload")
                ? PythonPeer.flappclient(tmp, "--furl", furl, "upload-file", source.toString())
                : PythonPeer.flappclient(tmp, "--furl", furl, "run-command");
    }

    /** The last line Python's client shows: of its stderr, or of call_remote.py's stdout. */
    private String lastLine(Server server, CliRun run) {
        String text = (run.err().isBlank() ? run.out() : run.err()).strip();
        if (text.endsWith("]")) {  // "[CopiedFailure instance: ... \n]"
            text = text.substring(0, text.length() - 1).strip();
        }
        return text.substring(text.lastIndexOf('\n') + 1).replace(roots.get(server).toString(), "ROOT");
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void pythonsClientShowsTheSameLastLineForBothServers(Case c) {
        // both at once: Python's client takes a second or more to start
        CompletableFuture<CliRun> againstPython = CompletableFuture.supplyAsync(() -> pythonClient(Server.PYTHON, c));
        CliRun ourServer = pythonClient(Server.OURS, c);
        CliRun python = againstPython.join();
        String expected = lastLine(Server.PYTHON, python);
        String got = lastLine(Server.OURS, ourServer);
        String report = c + "\n--- Python's server:\n" + python + "\n--- our server:\n" + ourServer;
        assertTrue(expected.matches("[\\w.]+(Error|Arguments): .+"), report);  // a real traceback's last line
        if (c.oursDiffers == null) {
            assertEquals(expected, got, report);
        } else {
            assertTrue(got.startsWith(c.oursDiffers), report);
            assertTrue(expected.startsWith("builtins.TypeError: "), report);
        }
        assertEquals(python.status(), ourServer.status(), report);
        if (!c.client.startsWith("call:") && !ourServer.err().contains("flappserver: cannot run")) {
            // a remote failure: Python's header, then a frameless Python traceback
            assertTrue(ourServer.err().contains("[CopiedFailure instance: Traceback from remote host -- "
                    + "Traceback (most recent call last):\n" + got.replace("ROOT", roots.get(Server.OURS).toString())
                    + "\n]"), report);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Case.class, names = "^(?!PUTFILE|FEED).*", mode = EnumSource.Mode.MATCH_ALL)
    void ourClientSaysTheSameAboutBothServers(Case c) {
        CompletableFuture<CliRun> againstPython = CompletableFuture.supplyAsync(() -> ourClient(Server.PYTHON, c));
        CliRun ourServer = ourClient(Server.OURS, c);
        CliRun python = againstPython.join();
        String report = c + "\n--- Python's server:\n" + python + "\n--- our server:\n" + ourServer;
        assertEquals(normalise(Server.PYTHON, python), normalise(Server.OURS, ourServer), report);
        assertTrue(python.status() != 0, report);
        // the message carries the reason, not just "failed"
        String said = python.err();
        assertTrue(said.contains("unknown swissnum") || said.contains("is not a") || said.contains("Error: ")
                || said.contains("must already exist"), report);
    }

    private CliRun ourClient(Server server, Case c) {
        String furl = furl(server, c);
        String[] args = c.client.equals("upload")
                ? new String[] {"--furl", furl, "upload-file", source.toString()}
                : new String[] {"--furl", furl, "run-command"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = InProcessClient.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
        return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Only the last line: the header of a command's stderr names each server's own wording. */
    private String normalise(Server server, CliRun run) {
        String err = run.err().strip();
        String last = err.substring(err.lastIndexOf('\n') + 1).replace(roots.get(server).toString(), "ROOT");
        // the hint names each server's own port
        return run.status() + " " + run.out() + last.replaceAll("tcp:127\\.0\\.0\\.1:\\d+", "tcp:HOST:PORT");
    }

    private static Path script(String name) {
        Path script = Path.of(System.getProperty("flapp.repo.dir", "."), "app/src/test/python/" + name);
        return Files.exists(script) ? script : Path.of("src/test/python/" + name).toAbsolutePath();
    }
}
