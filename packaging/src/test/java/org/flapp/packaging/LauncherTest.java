package org.flapp.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's bin/ launchers, run as a user would (they use packaging/target/lib). */
class LauncherTest {
    private static final Path BIN = Built.repo().resolve("bin").toAbsolutePath();

    record Result(int status, String out, String err) {
    }

    private static Result run(Path cwd, Map<String, String> env, List<String> removeEnv, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().put("FLAPP_CDS", "off");
        removeEnv.forEach(pb.environment()::remove);
        pb.environment().putAll(env);
        File out = cwd.resolve(".out").toFile();
        File err = cwd.resolve(".err").toFile();
        pb.redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " finished");
        return new Result(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }

    private static String bin(String program) {
        return BIN.resolve(program).toString();
    }

    @Test
    void bothLaunchersRunTheirProgramFromAnyDirectory(@TempDir Path cwd) throws Exception {
        Result server = run(cwd, Map.of(), List.of(), bin("flappserver"), "--version");
        assertEquals(0, server.status(), server.err());
        assertTrue(server.out().contains("Flapp version: "), server.out());
        Result client = run(cwd, Map.of(), List.of(), bin("flappclient"), "--version");
        assertEquals(0, client.status(), client.err());
        assertTrue(client.out().startsWith("flappclient (Flapp) "), client.out());
        assertEquals("", server.err() + client.err());
    }

    @Test
    void saysSoWhenJavaHomeHasNoJava(@TempDir Path cwd) throws Exception {
        Result r = run(cwd, Map.of("JAVA_HOME", cwd.toString()), List.of(), bin("flappclient"), "--version");
        assertEquals(1, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("flappclient: JAVA_HOME is " + cwd), r.err());
    }

    @Test
    void refusesAJavaOlderThan17ByItsReleaseFile(@TempDir Path cwd) throws Exception {
        Path jdk = fakeJava(cwd, "exit 0");
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"11.0.21\"\n");
        Result r = run(cwd, Map.of("JAVA_HOME", jdk.toString()), List.of(), bin("flappserver"), "--version");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("is Java 11.0.21; Flapp needs Java 17 or newer"), r.err());
    }

    @Test
    void refusesAJavaOlderThan17ByWhatItSays(@TempDir Path cwd) throws Exception {
        Path jdk = fakeJava(cwd, "echo 'openjdk version \"1.8.0_392\"' >&2");
        Result r = run(cwd, Map.of("JAVA_HOME", jdk.toString()), List.of(), bin("flappclient"), "--version");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("is Java 1.8.0_392; Flapp needs Java 17 or newer"), r.err());
    }

    @Test
    void saysHowToGetJavaWhenThereIsNone(@TempDir Path cwd) throws Exception {
        // a PATH with the tools the launcher needs before it looks for java, and no java
        Path tools = Files.createDirectory(cwd.resolve("tools"));
        for (String tool : List.of("basename", "dirname", "readlink")) {
            Files.createSymbolicLink(tools.resolve(tool), which(tool));
        }
        Result r = run(cwd, Map.of("PATH", tools.toString()), List.of("JAVA_HOME"), "/bin/sh", bin("flappserver"), "--version");
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("flappserver: no Java found: install a Java 17+ runtime"), r.err());
    }

    @Test
    void makesAnAppCdsArchiveOnceAndSurvivesABrokenOne(@TempDir Path cwd) throws Exception {
        Path cache = cwd.resolve("cache");
        Map<String, String> env = Map.of("FLAPP_CDS", "on", "FLAPP_CDS_DIR", cache.toString());
        Result create = run(cwd, env, List.of(), bin("flappserver"), "create", "--location", "tcp:127.0.0.1:9",
                "--port", "tcp:0", "--quiet", "srv");
        assertEquals(0, create.status(), create.err());
        List<Path> archives = list(cache);
        assertEquals(1, archives.size(), "one archive, got " + archives);
        assertTrue(archives.get(0).getFileName().toString().matches("flappserver-\\d+\\.jsa"), archives.toString());

        Result list = run(cwd, env, List.of(), bin("flappserver"), "list", "srv");
        assertEquals(0, list.status(), list.err());
        assertEquals("", list.err());
        assertEquals(archives, list(cache), "used, not remade");

        Files.writeString(archives.get(0), "not an archive");
        Result again = run(cwd, env, List.of(), bin("flappserver"), "list", "srv");
        assertEquals(list, again, "a broken archive is ignored without a word");
    }

    @Test
    void theClientKeepsItsNativeLibrariesBesideTheArchiveAndLoadsThemFromThere(@TempDir Path cwd) throws Exception {
        Path cache = cwd.resolve("cache");
        Map<String, String> env = Map.of("FLAPP_CDS", "on", "FLAPP_CDS_DIR", cache.toString());
        Files.writeString(cwd.resolve("small.txt"), "hello\n");
        String[] upload = {bin("flappclient"), "--furl", "pb://" + "a".repeat(32) + "@tcp:127.0.0.1:9/swiss",
            "--connect-timeout", "5", "upload-file", "small.txt"};
        Result first = run(cwd, env, List.of(), upload);
        assertEquals(255, first.status(), first.err());
        if (!System.getProperty("os.name").startsWith("Linux")) {
            return;   // no native code shipped for other systems
        }
        List<Path> natives = list(cache).stream().filter(p -> p.getFileName().toString().startsWith("native-")).toList();
        assertEquals(1, natives.size(), "made even by a run that failed: " + list(cache));
        assertTrue(list(natives.get(0)).stream().anyMatch(p -> p.getFileName().toString().startsWith("libnetty_tcnative_linux_")),
                list(natives.get(0)).toString());
        assertEquals(first, run(cwd, env, List.of(), upload), "the same failure with the libraries loaded from the cache");
        assertEquals(natives, list(cache).stream().filter(p -> p.getFileName().toString().startsWith("native-")).toList());
    }

    @Test
    void startDetachesTheServerItselfAndSaysWhyOneCannotStart(@TempDir Path cwd) throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Result create = run(cwd, Map.of(), List.of(), bin("flappserver"), "create", "--quiet",
                "--port", "tcp:" + port + ":interface=127.0.0.1", "--location", "tcp:127.0.0.1:" + port, "srv");
        assertEquals(0, create.status(), create.err());
        Files.writeString(cwd.resolve("srv/umask"), "0027\n");
        Files.createDirectory(cwd.resolve("empty"));
        try {
            Result start = run(cwd, Map.of(), List.of(), bin("flappserver"), "start", "srv");
            assertEquals(new Result(0, "Server Running\n", "Launching Server...\n"), start);
            long pid = Long.parseLong(Files.readString(cwd.resolve("srv/twistd.pid")).strip());
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            assertTrue(status.contains("Umask:\t0027"), status);
            assertEquals(cwd.resolve("srv").toRealPath(), Path.of("/proc/" + pid + "/cwd").toRealPath());
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String session = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3];
            assertEquals(Long.toString(pid), session, "a session of its own");
            assertTrue(ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("").endsWith("java"),
                    "one JVM: the server is the process the script started");

            Result again = run(cwd, Map.of(), List.of(), bin("flappserver"), "start", "srv");
            assertEquals(1, again.status());
            assertTrue(again.err().contains("Another server is running, PID " + pid), again.err());

            Result stop = run(cwd, Map.of(), List.of(), bin("flappserver"), "stop", "srv");
            assertEquals(0, stop.status(), stop.err());
            try (java.net.ServerSocket taken = new java.net.ServerSocket()) {
                taken.bind(new java.net.InetSocketAddress("127.0.0.1", port));
                Result dies = run(cwd, Map.of(), List.of(), bin("flappserver"), "start", "srv");
                assertEquals(1, dies.status());
                assertTrue(dies.err().contains("Error: the server exited during start-up (status 1)"), dies.err());
                assertTrue(dies.err().contains("Address already in use"), dies.err());
            }
            Result empty = run(cwd, Map.of(), List.of(), bin("flappserver"), "start", "empty");
            assertEquals(1, empty.status());
            assertTrue(empty.err().contains("does not look like a flappserver base directory"), empty.err());
        } finally {
            run(cwd, Map.of(), List.of(), bin("flappserver"), "stop", "srv");
        }
    }

    @Test
    void theServersArchiveHoldsTheClassesLoadedUntilItServedAndTheNextStartUsesIt(@TempDir Path cwd) throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path cache = cwd.resolve("cache");
        Map<String, String> env = Map.of("FLAPP_CDS", "on", "FLAPP_CDS_DIR", cache.toString());
        Result create = run(cwd, env, List.of(), bin("flappserver"), "create", "--quiet",
                "--port", "tcp:" + port + ":interface=127.0.0.1", "--location", "tcp:127.0.0.1:" + port, "srv");
        assertEquals(0, create.status(), create.err());
        try {
            assertEquals(0, run(cwd, env, List.of(), bin("flappserver"), "start", "srv").status());
            // once it serves, the server keeps the list of what it loaded so far
            Path ready = null;
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); ready == null; ) {
                ready = list(cache).stream().filter(p -> p.getFileName().toString().endsWith(".ready.classlist"))
                        .findFirst().orElse(null);
                assertTrue(ready != null || System.nanoTime() < deadline, "no class list kept: " + list(cache));
                Thread.sleep(ready == null ? 50 : 0);
            }
            List<String> classes = Files.readAllLines(ready);
            assertTrue(classes.contains("org/flapp/app/ServerMain"), "the server's own classes");
            assertTrue(classes.stream().anyMatch(c -> c.startsWith("io/netty/handler/ssl/")), "its TLS contexts, built before");
            assertFalse(classes.stream().anyMatch(c -> c.startsWith("org/flapp/services/upload/UploadTransfer")),
                    "nothing of an upload: none was served");
            assertEquals(0, run(cwd, env, List.of(), bin("flappserver"), "stop", "srv").status());

            assertEquals(0, run(cwd, env, List.of(), bin("flappserver"), "start", "srv").status());
            List<String> names = list(cache).stream().map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.matches("server-\\d+\\.jsa")), names.toString());
            assertFalse(names.stream().anyMatch(n -> n.startsWith(".server-")), "lists and unfinished files gone: " + names);
            long pid = Long.parseLong(Files.readString(cwd.resolve("srv/twistd.pid")).strip());
            String maps = Files.readString(Path.of("/proc/" + pid + "/maps"));
            assertTrue(maps.lines().anyMatch(l -> l.matches(".*/server-\\d+\\.jsa$")), "the server maps its archive");
        } finally {
            run(cwd, env, List.of(), bin("flappserver"), "stop", "srv");
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static Path fakeJava(Path dir, String body) throws IOException {
        Path jdk = Files.createDirectories(dir.resolve("oldjdk/bin")).getParent();
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return jdk;
    }

    private static Path which(String tool) {
        for (String dir : List.of("/usr/bin", "/bin")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError("no " + tool);
    }

    @Test
    void clientLauncherIsALinkToTheOneScript() throws IOException {
        Path client = BIN.resolve("flappclient");
        assertTrue(Files.isSymbolicLink(client), "bin/flappclient is a link, so the two cannot drift");
        assertEquals(Path.of("flappserver"), Files.readSymbolicLink(client));
        assertTrue(Files.isExecutable(BIN.resolve("flappserver")));
        assertFalse(new ArrayList<>(Files.readAllLines(BIN.resolve("flappserver"))).isEmpty());
    }
}
