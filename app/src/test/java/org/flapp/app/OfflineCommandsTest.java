package org.flapp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * create, add, list, remove and their errors, run in-process, compared with Python's flappserver
 * run on the same directories where the two should agree.
 */
class OfflineCommandsTest {
    private static final Pattern FURL_LINE = Pattern.compile("FURL is (pb://([a-z2-7]+)@[^/]+/([a-z2-7]+))\n");

    @TempDir
    Path tmp;

    private String dir(String name) {
        return tmp.resolve(name).toString();
    }

    @Test
    void createMakesAPrivateDirectoryAndPrintsTubIdAndHowToStart() throws Exception {
        CliRun run = CliRun.ours("create", "--port", "tcp:3116", "--location", "tcp:example.org:3116", dir("srv"));
        assertEquals(0, run.status(), run::toString);
        Matcher m = Pattern.compile("Foolscap Application Server created in (.+)\nTubID ([a-z2-7]{32}), listening on port tcp:3116\n"
                + "Now launch the daemon with 'flappserver start (.+)'\n").matcher(run.out());
        assertTrue(m.matches(), run::toString);
        assertEquals(dir("srv"), m.group(1));
        assertEquals("", run.err());
        Path srv = tmp.resolve("srv");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(srv)));
        assertEquals("pb://" + m.group(2) + "@tcp:example.org:3116/\n", Files.readString(srv.resolve("furl_prefix")));
        assertEquals("tcp:3116\n", Files.readString(srv.resolve("port")));
    }

    @Test
    void quietCreatePrintsNothing() {
        CliRun run = CliRun.ours("create", "-q", "--location", "tcp:example.org:3116", "--umask", "077", dir("srv"));
        assertEquals(0, run.status(), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void createRefusesAnExistingDirectoryAsPythonDoes() throws Exception {
        PythonPeer.require();
        Files.createDirectory(tmp.resolve("srv"));
        CliRun java = CliRun.ours("create", "--location", "tcp:example.org:3116", dir("srv"));
        CliRun python = PythonPeer.flappserver(tmp, "create", "--location", "tcp:example.org:3116", dir("srv"));
        assertEquals(1, java.status());
        assertEquals(python.status(), java.status());
        assertEquals("Refusing to touch pre-existing directory " + dir("srv") + "\n", java.err());
        assertEquals(python.err(), java.err());
    }

    @Test
    void createWithoutLocationIsAUsageError() {
        CliRun run = CliRun.ours("create", dir("srv"));
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("flappserver: --location= is mandatory\n"), run::toString);
        assertFalse(Files.exists(tmp.resolve("srv")));
    }

    @Test
    void createRefusesABadPortSpecification() {
        for (String port : new String[] {"tcp:http", "ssl:443", "tcp:70000", "unix:/tmp/x", "tcp:1:color=red"}) {
            CliRun run = CliRun.ours("create", "--port", port, "--location", "tcp:example.org:3116", dir("srv"));
            assertEquals(1, run.status(), run::toString);
            assertTrue(run.err().startsWith("Error: bad --port '" + port + "'"), run::toString);
            assertEquals(1, run.err().lines().count(), run::toString);
            assertFalse(Files.exists(tmp.resolve("srv")), port);
        }
    }

    @Test
    void createRefusesABadUmask() {
        CliRun run = CliRun.ours("create", "--umask", "089", "--location", "tcp:example.org:3116", dir("srv"));
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("Error: bad --umask"), run::toString);
    }

    @Test
    void addPrintsTheSameLinesAsPythonOnAPythonDirectory() throws Exception {
        PythonPeer.require();
        CliRun created = PythonPeer.flappserver(tmp, "create", "--location", "tcp:127.0.0.1:3116", "srv");
        assertEquals(0, created.status(), created::toString);
        Files.createDirectory(tmp.resolve("up"));
        CliRun python = PythonPeer.flappserver(tmp, "add", "srv", "upload-file", dir("up"));
        CliRun java = CliRun.ours("add", dir("srv"), "upload-file", dir("up"));
        assertEquals(0, java.status(), java::toString);
        assertEquals(0, python.status(), python::toString);
        Matcher p = FURL_LINE.matcher(python.out());
        Matcher j = FURL_LINE.matcher(java.out());
        assertTrue(p.find() && j.find(), java::toString);
        assertEquals(p.group(2), j.group(2), "same TubID from the same furl_prefix");
        assertEquals("Service added in srv/services/1\n", python.out().lines().findFirst().get() + "\n");
        assertEquals("Service added in " + dir("srv") + "/services/2\n", java.out().substring(0, java.out().indexOf("FURL")));
        assertTrue(Files.isDirectory(tmp.resolve("srv/services/2")));
    }

    @Test
    void listPrintsExactlyWhatPythonPrints() throws Exception {
        PythonPeer.require();
        assertEquals(0, PythonPeer.flappserver(tmp, "create", "--location", "tcp:127.0.0.1:3116", "srv").status());
        Files.createDirectory(tmp.resolve("up"));
        assertEquals(0, PythonPeer.flappserver(tmp, "add", "srv", "upload-file", dir("up")).status());
        assertEquals(0, CliRun.ours("add", "--comment", "prints, exits 3", dir("srv"), "run-command", dir("up"),
                "sh", "-c", "echo hi; exit 3").status());
        assertEquals(0, CliRun.ours("add", "-c", "", dir("srv"), "run-command", "--accept-stdin", dir("up"), "cat").status());
        CliRun python = PythonPeer.flappserver(tmp, "list", dir("srv"));
        CliRun java = CliRun.ours("list", dir("srv"));
        assertEquals(0, java.status(), java::toString);
        assertEquals(python.out(), java.out());
        assertEquals(3, java.out().lines().filter(l -> l.endsWith(":")).count(), java::toString);
        assertTrue(java.out().contains(" # prints, exits 3\n"), java::toString);
    }

    @Test
    void listOfAnEmptyServerIsOneEmptyLine() {
        assertEquals(0, CliRun.ours("create", "-q", "--location", "tcp:example.org:3116", dir("srv")).status());
        CliRun run = CliRun.ours("list", dir("srv"));
        assertEquals(new CliRun(0, "\n", ""), run);
    }

    @Test
    void listJsonGivesEveryField() throws Exception {
        assertEquals(0, CliRun.ours("create", "-q", "--location", "tcp:example.org:3116", dir("srv")).status());
        Files.createDirectory(tmp.resolve("up"));
        CliRun added = CliRun.ours("add", "-c", "drop box", dir("srv"), "upload-file", "--mode=0600", dir("up"));
        Matcher m = FURL_LINE.matcher(added.out());
        assertTrue(m.find(), added::toString);
        CliRun run = CliRun.ours("list", "--json", dir("srv"));
        assertEquals(0, run.status(), run::toString);
        JsonNode rows = new ObjectMapper().readTree(run.out());
        assertEquals(1, rows.size());
        JsonNode row = rows.get(0);
        assertEquals(m.group(3), row.get("swissnum").asText());
        assertEquals("upload-file", row.get("type").asText());
        assertEquals("--mode=0600", row.get("args").get(0).asText());
        assertEquals(dir("up"), row.get("args").get(1).asText());
        assertEquals("drop box", row.get("comment").asText());
        assertEquals(m.group(1), row.get("furl").asText());
        assertEquals(dir("srv") + "/services/1", row.get("directory").asText());
    }

    @Test
    void addWithBadArgumentsPrintsPythonsErrorAndWritesNothing() throws Exception {
        PythonPeer.require();
        assertEquals(0, CliRun.ours("create", "-q", "--location", "tcp:example.org:3116", dir("srv")).status());
        byte[] before = Files.readAllBytes(tmp.resolve("srv/services.json"));
        CliRun java = CliRun.ours("add", dir("srv"), "upload-file", dir("missing"));
        CliRun python = PythonPeer.flappserver(tmp, "add", dir("srv"), "upload-file", dir("missing"));
        assertEquals(1, java.status());
        assertEquals(python.status(), java.status());
        assertEquals("Error: targetdir '" + dir("missing") + "' must already exist\n", java.err());
        assertEquals(python.err(), java.err());
        assertEquals("", java.out());
        assertEquals(new String(before), Files.readString(tmp.resolve("srv/services.json")));
        try (var entries = Files.list(tmp.resolve("srv/services"))) {
            assertEquals(0, entries.count(), "no service directory left behind");
        }
    }

    @Test
    void addWithAnUnknownTypeSaysSoInOneLine() throws Exception {
        assertEquals(0, CliRun.ours("create", "-q", "--location", "tcp:example.org:3116", dir("srv")).status());
        CliRun run = CliRun.ours("add", dir("srv"), "no-such-type", "x");
        assertEquals(1, run.status());
        assertEquals("Error: unknown service type 'no-such-type' (known types: upload-file, run-command)\n", run.err());
        assertEquals("{\n  \"version\": 1,\n  \"services\": {}\n}", Files.readString(tmp.resolve("srv/services.json")));
    }

    @Test
    void addPassesServiceOptionsThroughAndHelpExitsZero() throws Exception {
        assertEquals(0, CliRun.ours("create", "-q", "--location", "tcp:example.org:3116", dir("srv")).status());
        CliRun help = CliRun.ours("add", dir("srv"), "run-command", "--help");
        assertEquals(0, help.status(), help::toString);
        assertTrue(help.out().contains("--accept-stdin"), help::toString);
        CliRun added = CliRun.ours("add", "--quiet", dir("srv"), "run-command", "--accept-stdin", "--no-stdout",
                tmp.toString(), "cat");
        assertEquals(new CliRun(0, "", ""), added);
        assertTrue(Files.readString(tmp.resolve("srv/services.json")).contains("\"--no-stdout\""));
    }

    @Test
    void commandsOnADirectoryThatIsNotAServerFailWithOneLine() throws Exception {
        Files.createDirectory(tmp.resolve("plain"));
        for (String[] args : new String[][] {
                {"add", dir("plain"), "upload-file", tmp.toString()}, {"list", dir("plain")},
                {"remove", dir("plain"), "abc"}, {"status", dir("plain")}, {"start", dir("plain")}}) {
            CliRun run = CliRun.ours(args);
            assertEquals(1, run.status(), run::toString);
            assertTrue(run.err().contains("does not look like a flappserver base directory"), run::toString);
            assertTrue(run.err().lines().filter(l -> l.startsWith("Error:")).count() == 1, run::toString);
        }
    }

    @Test
    void removeDeletesTheServiceSoPythonNoLongerListsIt() throws Exception {
        PythonPeer.require();
        assertEquals(0, CliRun.ours("create", "-q", "--location", "tcp:example.org:3116", dir("srv")).status());
        Files.createDirectory(tmp.resolve("up"));
        Matcher first = FURL_LINE.matcher(CliRun.ours("add", dir("srv"), "upload-file", dir("up")).out());
        Matcher second = FURL_LINE.matcher(CliRun.ours("add", dir("srv"), "upload-file", dir("up")).out());
        assertTrue(first.find() && second.find());
        CliRun removed = CliRun.ours("remove", dir("srv"), first.group(3));
        assertEquals(0, removed.status(), removed::toString);
        assertTrue(removed.out().startsWith("Service " + first.group(3) + " removed"), removed::toString);
        CliRun python = PythonPeer.flappserver(tmp, "list", dir("srv"));
        assertFalse(python.out().contains(first.group(3)), python::toString);
        assertTrue(python.out().contains(second.group(3)), python::toString);
        CliRun byFurl = CliRun.ours("remove", dir("srv"), second.group(1));
        assertEquals(0, byFurl.status(), byFurl::toString);
        assertEquals("\n", CliRun.ours("list", dir("srv")).out());
        CliRun again = CliRun.ours("remove", dir("srv"), first.group(3));
        assertEquals(1, again.status());
        assertEquals("Error: " + dir("srv") + " has no service with swissnum " + first.group(3) + "\n", again.err());
    }

    @Test
    void stopWithNothingRunningExitsTwoAsPythonDoes() throws Exception {
        PythonPeer.require();
        assertEquals(0, CliRun.ours("create", "-q", "--location", "tcp:example.org:3116", dir("srv")).status());
        CliRun java = CliRun.ours("stop", dir("srv"));
        CliRun python = PythonPeer.flappserver(tmp, "stop", dir("srv"));
        assertEquals(2, java.status());
        assertEquals(python, java);
        assertEquals(new CliRun(2, "", ""), CliRun.ours("stop", "--quiet", dir("srv")));
    }

    @Test
    void stopWithAStalePidFileRemovesItAndExitsTwo() throws Exception {
        assertEquals(0, CliRun.ours("create", "-q", "--location", "tcp:example.org:3116", dir("srv")).status());
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(tmp.resolve("srv/twistd.pid"), Long.toString(dead.pid()));
        CliRun status = CliRun.ours("status", dir("srv"));
        assertEquals(3, status.status(), status::toString);
        assertTrue(status.out().startsWith("not running (stale twistd.pid"), status::toString);
        CliRun run = CliRun.ours("stop", dir("srv"));
        assertEquals(2, run.status());
        assertEquals("process " + dead.pid() + " wasn't running, removing twistd.pid to cleanup\n", run.err());
        assertFalse(Files.exists(tmp.resolve("srv/twistd.pid")));
    }

    @Test
    void noCommandAndUnknownCommandAreUsageErrors() {
        CliRun none = CliRun.ours();
        assertEquals(1, none.status());
        assertTrue(none.err().startsWith("flappserver: must specify a command"), none::toString);
        CliRun bogus = CliRun.ours("bogus");
        assertEquals(1, bogus.status());
        assertTrue(bogus.err().startsWith("flappserver: Unknown command: bogus"), bogus::toString);
        CliRun typo = CliRun.ours("stat");
        assertEquals(1, typo.status());
        assertTrue(typo.err().startsWith("flappserver: Unknown command: stat (did you mean "), typo::toString);
        assertTrue(typo.err().lines().findFirst().orElseThrow().contains("status"), typo::toString);
    }

    @Test
    void helpAndVersionExitZero() {
        CliRun help = CliRun.ours("--help");
        assertEquals(0, help.status());
        for (String command : new String[] {"create", "add", "list", "remove", "start", "stop", "restart", "status"}) {
            assertTrue(help.out().contains(command), command);
            assertEquals(0, CliRun.ours(command, "--help").status(), command);
        }
        CliRun version = CliRun.ours("--version");
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("Foolscap version: 21.7.0"), version::toString);
    }
}
