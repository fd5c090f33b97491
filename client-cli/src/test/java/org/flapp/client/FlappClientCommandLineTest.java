package org.flapp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Option parsing, help, usage errors and their exit statuses, all in-process. */
class FlappClientCommandLineTest {
    private static final String FURL = "pb://fwhjwcytzdzbijbpnca627vyrj6tdppr@tcp:127.0.0.1:41010/slgx4yygltbxcm7ev73zzuamkfepamly";

    @TempDir
    Path dir;

    @Test
    void topLevelHelpGoesToStdoutAndExitsZero() {
        ClientRun run = ClientRun.run(ClientRun.NO_CONNECTION, "--help");
        assertEquals(0, run.status(), run::toString);
        assertTrue(run.stdout().startsWith("Usage: flappclient [--furl=FURL | --furlfile=FILE]"), run::toString);
        assertTrue(run.stdout().contains("upload-file"), run::toString);
        assertTrue(run.stdout().contains("run-command"), run::toString);
        assertTrue(run.stdout().contains("--connect-timeout"), run::toString);
        assertEquals("", run.stderr());
    }

    @Test
    void subcommandHelpNeedsNoFurl() {
        ClientRun upload = ClientRun.run(ClientRun.NO_CONNECTION, "upload-file", "--help");
        assertEquals(0, upload.status(), upload::toString);
        assertTrue(upload.stdout().contains("Usage: flappclient upload-file"), upload::toString);
        assertTrue(upload.stdout().contains("--target-filename=NAME"), upload::toString);
        assertTrue(upload.stdout().contains("--target-subdirectory=DIR"), upload::toString);
        assertTrue(upload.stdout().contains("--quiet"), upload::toString);

        ClientRun runCommand = ClientRun.run(ClientRun.NO_CONNECTION, "run-command", "--help");
        assertEquals(0, runCommand.status(), runCommand::toString);
        assertTrue(runCommand.stdout().contains("Usage: flappclient run-command"), runCommand::toString);
    }

    @Test
    void versionNamesTheClientAndTheFoolscapVersionItSpeaks() {
        ClientRun run = ClientRun.run(ClientRun.NO_CONNECTION, "--version");
        assertEquals(0, run.status(), run::toString);
        assertTrue(run.stdout().startsWith("flappclient (Flapp) "), run::toString);
        assertFalse(run.stdout().contains("unknown"), "version resource is filtered: " + run);
        assertTrue(run.stdout().contains("Foolscap version: 21.7.0"), run::toString);
    }

    @Test
    void noArgumentsIsAUsageErrorAboutTheFurl() {
        ClientRun run = ClientRun.run(ClientRun.NO_CONNECTION);
        assertEquals(ExitStatus.USAGE, run.status(), run::toString);
        assertTrue(run.stderr().startsWith("flappclient: error: must provide --furl or --furlfile\n"), run::toString);
        assertTrue(run.stderr().contains("Usage: flappclient"), run::toString);
        assertEquals("", run.stdout());
    }

    @Test
    void subcommandWithoutFurlIsAUsageError() {
        ClientRun run = ClientRun.run(ClientRun.NO_CONNECTION, "upload-file", "x");
        assertEquals(ExitStatus.USAGE, run.status(), run::toString);
        assertTrue(run.stderr().startsWith("flappclient: error: must provide --furl or --furlfile\n"), run::toString);
        assertTrue(run.stderr().contains("Usage: flappclient upload-file"), run::toString);
        assertTrue(run.stderr().contains("Try 'flappclient upload-file --help'"), run::toString);
    }

    @Test
    void furlWithoutCommandIsAUsageError() {
        ClientRun run = ClientRun.run(ClientRun.NO_CONNECTION, "--furl=" + FURL);
        assertEquals(ExitStatus.USAGE, run.status(), run::toString);
        assertTrue(run.stderr().startsWith("flappclient: error: must specify a command"), run::toString);
    }

    @Test
    void unknownCommandAndUnknownOptionAreUsageErrors() {
        ClientRun command = ClientRun.run(ClientRun.NO_CONNECTION, "--furl=" + FURL, "bogus");
        assertEquals(ExitStatus.USAGE, command.status(), command::toString);
        assertTrue(command.stderr().startsWith("flappclient: error: unknown command 'bogus'"
                + " (the commands are upload-file and run-command)\n"), command::toString);

        ClientRun option = ClientRun.run(ClientRun.NO_CONNECTION, "--furl=" + FURL, "run-command", "--bogus");
        assertEquals(ExitStatus.USAGE, option.status(), option::toString);
        assertTrue(option.stderr().contains("--bogus"), option::toString);
    }

    @Test
    void uploadWithoutSourceFilesIsAUsageError() {
        ClientRun run = ClientRun.run(ClientRun.NO_CONNECTION, "--furl=" + FURL, "upload-file");
        assertEquals(ExitStatus.USAGE, run.status(), run::toString);
        assertTrue(run.stderr().contains("SOURCEFILE"), run::toString);
    }

    @Test
    void furlAndFurlfileTogetherIsAUsageError() throws Exception {
        Path furlFile = Files.writeString(dir.resolve("f.furl"), FURL + "\n");
        ClientRun run = ClientRun.run(ClientRun.NO_CONNECTION,
                "--furl=" + FURL, "--furlfile=" + furlFile, "run-command");
        assertEquals(ExitStatus.USAGE, run.status(), run::toString);
        assertTrue(run.stderr().startsWith("flappclient: error: give either --furl or --furlfile, not both"),
                run::toString);
    }

    @Test
    void furlfileWithoutPbLineIsAUsageError() throws Exception {
        Path furlFile = Files.writeString(dir.resolve("empty.furl"), "# only a comment\n\n");
        ClientRun run = ClientRun.run(ClientRun.NO_CONNECTION, "--furlfile", furlFile.toString(), "run-command");
        assertEquals(ExitStatus.USAGE, run.status(), run::toString);
        assertTrue(run.stderr().contains("holds no FURL"), run::toString);
    }

    @Test
    void unreadableFurlfileIsAnOperationalFailure() {
        ClientRun run = ClientRun.run(ClientRun.NO_CONNECTION,
                "-f", dir.resolve("missing.furl").toString(), "run-command");
        assertEquals(ExitStatus.FAILURE, run.status(), run::toString);
        assertEquals("flappclient: error: cannot read furlfile " + dir.resolve("missing.furl")
                + ": no such file\n", run.stderr());
    }

    @Test
    void furlIsTakenFromTheFurlfile() throws Exception {
        Path furlFile = Files.writeString(dir.resolve("svc.furl"), "# my service\n\n   " + FURL + "  \n");
        FakeService service = new FakeService(Map.of("execute", args -> {
            FakeService.invokeQuietly((org.flapp.rpc.Referenceable) args.get(0), "done", null, 0L);
            return null;
        }));
        ClientRun run = ClientRun.run(service.connector(), "--furlfile=" + furlFile, "run-command");
        assertEquals(0, run.status(), run::toString);
        assertEquals(FURL, service.lastFurl);
    }

    @Test
    void connectTimeoutDefaultsToThirtySecondsAndCanBeSet() {
        FakeService service = new FakeService(Map.of("execute", args -> {
            FakeService.invokeQuietly((org.flapp.rpc.Referenceable) args.get(0), "done", null, 0L);
            return null;
        }));
        ClientRun.run(service.connector(), "--furl", FURL, "run-command");
        assertEquals(Duration.ofSeconds(30), service.lastTimeout);
        ClientRun.run(service.connector(), "--furl", FURL, "--connect-timeout=2.5", "run-command");
        assertEquals(Duration.ofMillis(2500), service.lastTimeout);
    }

    @Test
    void nonPositiveConnectTimeoutIsAUsageError() {
        ClientRun run = ClientRun.run(ClientRun.NO_CONNECTION, "--furl", FURL, "--connect-timeout=0", "run-command");
        assertEquals(ExitStatus.USAGE, run.status(), run::toString);
        assertTrue(run.stderr().contains("--connect-timeout must be a positive number"), run::toString);

        ClientRun text = ClientRun.run(ClientRun.NO_CONNECTION, "--furl", FURL, "--connect-timeout=soon", "run-command");
        assertEquals(ExitStatus.USAGE, text.status(), text::toString);
    }

    @Test
    void malformedFurlIsReportedInOneLineWithoutConnecting() {
        ClientRun run = ClientRun.run(new TubConnector(), "--furl=not-a-furl", "run-command");
        assertEquals(ExitStatus.FAILURE, run.status(), run::toString);
        assertEquals("flappclient: error: malformed FURL 'not-a-furl': a FURL starts with pb://\n", run.stderr());
    }

    @Test
    void verboseAddsAStackTraceToFailures() {
        ClientRun run = ClientRun.run(ClientRun.NO_CONNECTION, "--verbose",
                "-f", dir.resolve("missing.furl").toString(), "run-command");
        assertEquals(ExitStatus.FAILURE, run.status(), run::toString);
        assertTrue(run.stderr().startsWith("flappclient: error: cannot read furlfile"), run::toString);
        assertTrue(run.stderr().contains("\tat "), run::toString);
    }
}
