package org.flapp.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Base directories made by one implementation, used by the other (Python Foolscap 21.7.0). */
class PythonInteropTest {
    private static final String FAKE_TUBID = "fpbsxdkamopr6ihxh3pwx346ttsgiwve";
    private static final String FAKE_PEM = "not used by add or list\n";
    private static final Pattern ADDED = Pattern.compile("Service added in (.*)\nFURL is (pb://\\S+/(\\S+))\n");

    @TempDir
    Path tmp;

    @BeforeEach
    void needsPython() {
        PythonPeer.assumeAvailable();
    }

    @Test
    void pythonListsTheServicesOfADirectoryJavaCreated() throws Exception {
        BaseDirectory dir = BaseDirectory.create(tmp.resolve("srv"), CreateSettings.of("tcp:127.0.0.1:3116"),
                FAKE_TUBID, FAKE_PEM);
        dir.addService("upload-file", List.of(tmp.toString()), "drop box \u00e9", ServiceCheck.NONE);
        dir.addService("run-command", List.of("--accept-stdin", ".", "sh", "-c", "echo \"\\t\u20ac\""), null,
                ServiceCheck.NONE);
        dir.addService("run-command", List.of(".", "true"), "", ServiceCheck.NONE);

        PythonPeer.Result listed = PythonPeer.run(tmp, "flappserver", "list", dir.path().toString()).expectSuccess();
        assertEquals(expectedListing(dir), listed.stdout());
    }

    @Test
    void javaReadsWhatPythonCreatedAndAdded() throws Exception {
        Path srv = tmp.resolve("srv");
        PythonPeer.run(tmp, "flappserver", "create", "--location", "tcp:example.org:5,tcp:127.0.0.1:6",
                "--port", "tcp:6:interface=127.0.0.1", "--umask", "0027", "--quiet", srv.toString()).expectSuccess();
        Files.createDirectory(tmp.resolve("in"));
        Map<String, String> furls = new LinkedHashMap<>();
        Map<String, ServiceEntry> expected = new LinkedHashMap<>();
        add(srv, furls, expected, "services/1", "upload-file", List.of(tmp.resolve("in").toString()), "incoming \u00e9");
        add(srv, furls, expected, "services/2", "run-command",
                List.of("--no-stderr", tmp.toString(), "sh", "-c", "printf '%s\\n' \"$HOME\" \u20ac"), null);

        BaseDirectory dir = BaseDirectory.open(srv);
        assertEquals(expected, dir.servicesFile().read());
        for (Map.Entry<String, String> e : furls.entrySet()) {
            assertEquals(e.getValue(), dir.furlFor(e.getKey()));
            assertEquals(Optional.of(expected.get(e.getKey())), dir.lookup(e.getKey()));
        }
        assertEquals("tcp:6:interface=127.0.0.1", dir.port());
        assertEquals("tcp:example.org:5,tcp:127.0.0.1:6", dir.location());
        assertEquals(OptionalInt.of(0027), dir.umask());
        assertEquals(dir.tubId(), org.flapp.rpc.furl.Furl.parse(furls.values().iterator().next()).tubId());
        assertArrayEquals(Files.readAllBytes(srv.resolve("services.json")),
                ServicesFile.format(dir.servicesFile().read()).getBytes(StandardCharsets.UTF_8),
                "the same content gives the same bytes");
        assertEquals("services/3",
                dir.addService("upload-file", List.of("x"), null, ServiceCheck.NONE).entry().relativeBasedir());
    }

    @Test
    void pythonAndJavaAddingToTheSameDirectoryWriteTheSameBytes() throws Exception {
        BaseDirectory dir = BaseDirectory.create(tmp.resolve("srv"), CreateSettings.of("tcp:h:1"), FAKE_TUBID, FAKE_PEM);
        dir.addService("run-command", List.of(".", "echo", "\u00e9\ud83d\ude00\u0007"), "java's", ServiceCheck.NONE);
        Files.createDirectory(tmp.resolve("in"));
        PythonPeer.Result added = PythonPeer.run(tmp, "flappserver", "add", "-c", "python's", dir.path().toString(),
                "upload-file", tmp.resolve("in").toString()).expectSuccess();
        Matcher m = ADDED.matcher(added.stdout());
        assertTrue(m.matches(), added.stdout());
        assertEquals(dir.path().resolve("services/2").toString(), m.group(1));

        Map<String, ServiceEntry> both = dir.servicesFile().read();
        assertEquals(2, both.size());
        assertEquals(new ServiceEntry("services/2", "upload-file", List.of(tmp.resolve("in").toString()), "python's"),
                both.get(m.group(3)));
        assertArrayEquals(Files.readAllBytes(dir.servicesFile().path()),
                ServicesFile.format(both).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void formatsAwkwardTextExactlyAsPythonsJsonDump() throws Exception {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            every.append(c);
        }
        Map<String, ServiceEntry> services = new LinkedHashMap<>();
        services.put("s1", new ServiceEntry("services/1", "run-command",
                List.of(every.toString(), "\ud83d\ude00\u2028\ufeff", "", " "), "\u0000\"\\"));
        services.put("s2", new ServiceEntry("services/2", "upload-file", List.of(), null));
        String java = ServicesFile.format(services);
        PythonPeer.Result python = PythonPeer.run(tmp, java,
                List.of(PythonPeer.PYTHON.toString(), PythonPeer.script("json_dump.py").toString())).expectSuccess();
        assertEquals(python.stdout(), java);
        assertEquals(services, ServicesFile.parse(java.getBytes(StandardCharsets.UTF_8), "formatted"));
    }

    @Test
    void pythonRunsAServerDirectoryJavaCreatedWithAPythonMadeKey() throws Exception {
        JsonNode identity = new ObjectMapper().readTree(PythonPeer.run(tmp, PythonPeer.PYTHON.toString(),
                PythonPeer.script("new_tub_pem.py").toString()).expectSuccess().stdout());
        int port = freePort();
        BaseDirectory dir = BaseDirectory.create(tmp.resolve("srv"), listeningOn(port),
                identity.get("tubid").asText(), identity.get("pem").asText());
        uploadThroughPythonServer(dir, port);
    }

    @Test
    void pythonRunsAServerDirectoryJavaCreatedWithAJavaMadeKey() throws Exception {
        BaseDirectoryTest.generatedIdentityOrSkip();
        int port = freePort();
        BaseDirectory dir = BaseDirectory.create(tmp.resolve("srv"), listeningOn(port));
        assertEquals(dir.identity().tubId(), dir.tubId());
        uploadThroughPythonServer(dir, port);
    }

    private static CreateSettings listeningOn(int port) {
        return CreateSettings.of("tcp:127.0.0.1:" + port).withPort("tcp:" + port + ":interface=127.0.0.1");
    }

    /** Starts Python's flappserver on {@code dir} and uploads a file with Python's flappclient. */
    private void uploadThroughPythonServer(BaseDirectory dir, int port) throws Exception {
        Path target = Files.createDirectory(tmp.resolve("in"));
        PublishedService upload = dir.addService("upload-file", List.of(target.toString()), null, ServiceCheck.NONE);
        Files.writeString(tmp.resolve("hello.txt"), "hello from the Java-made directory\n");

        Process server = new ProcessBuilder("flappserver", "start", dir.path().toString(), "--nodaemon", "--pidfile=")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("server.log").toFile()).start();
        try {
            waitUntilListening(port, server);
            PythonPeer.Result client = PythonPeer.run(tmp, "flappclient", "--furl", upload.furl(),
                    "upload-file", "hello.txt").expectSuccess();
            assertEquals("hello.txt: uploaded\n", client.stdout());
            assertEquals("hello from the Java-made directory\n", Files.readString(target.resolve("hello.txt")));
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void add(Path srv, Map<String, String> furls, Map<String, ServiceEntry> expected,
            String relative, String type, List<String> args, String comment) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("flappserver", "add"));
        if (comment != null) {
            command.addAll(List.of("--comment", comment));
        }
        command.add(srv.toString());
        command.add(type);
        command.addAll(args);
        PythonPeer.Result result = PythonPeer.run(srv.getParent(), null, command).expectSuccess();
        Matcher m = ADDED.matcher(result.stdout());
        assertTrue(m.matches(), result.stdout());
        furls.put(m.group(3), m.group(2));
        expected.put(m.group(3), new ServiceEntry(relative, type, args, comment));
    }

    /** What Python's "flappserver list" prints, built from what Java reads. */
    private static String expectedListing(BaseDirectory dir) throws ConfigException {
        StringBuilder out = new StringBuilder();
        for (PublishedService s : dir.list()) {
            out.append('\n').append(s.swissnum()).append(":\n");
            out.append(' ').append(s.entry().type()).append(' ').append(String.join(" ", s.entry().args())).append('\n');
            if (s.entry().comment() != null && !s.entry().comment().isEmpty()) {
                out.append(" # ").append(s.entry().comment()).append('\n');
            }
            out.append(' ').append(s.furl()).append('\n');
            out.append(' ').append(s.directory()).append('\n');
        }
        return out.append('\n').toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void waitUntilListening(int port, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                fail("flappserver start exited with " + server.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        fail("flappserver did not listen on port " + port + " within 30 s");
    }
}
