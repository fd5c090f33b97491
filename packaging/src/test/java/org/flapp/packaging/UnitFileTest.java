package org.flapp.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnitFileTest {
    private static final Path UNIT = Built.repo().resolve("packaging/src/main/systemd/flappserver@.service");
    private static final Path SOCKET = Built.repo().resolve("packaging/src/main/systemd/flappserver@.socket");

    /** "Section.Key" to its values, in order. */
    private static Map<String, List<String>> directives() throws IOException {
        return directives(UNIT);
    }

    private static Map<String, List<String>> directives(Path unit) throws IOException {
        Map<String, List<String>> result = new LinkedHashMap<>();
        String section = "";
        for (String line : Files.readAllLines(unit)) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line.substring(1, line.length() - 1);
            } else {
                int eq = line.indexOf('=');
                result.computeIfAbsent(section + "." + line.substring(0, eq), k -> new ArrayList<>())
                        .add(line.substring(eq + 1));
            }
        }
        return result;
    }

    private static String one(Map<String, List<String>> d, String key) {
        List<String> values = d.get(key);
        assertTrue(values != null && values.size() == 1, key + " once, got " + values);
        return values.get(0);
    }

    @Test
    void runsTheServerInTheForegroundAsItsOwnUser() throws IOException {
        var d = directives();
        assertEquals("/usr/bin/flappserver start --nodaemon /var/lib/flappserver/%i", one(d, "Service.ExecStart"));
        assertEquals("flappserver", one(d, "Service.User"));
        assertEquals("notify", one(d, "Service.Type"));
        assertEquals("main", one(d, "Service.NotifyAccess"));
        assertEquals("on-failure", one(d, "Service.Restart"));
        assertEquals("143", one(d, "Service.SuccessExitStatus"));
        assertTrue(one(d, "Service.UMask").matches("0[0-7]{3}"));
        assertEquals("multi-user.target", one(d, "Install.WantedBy"));
    }

    @Test
    void theSocketUnitPassesOneListeningSocketToOneServer() throws IOException {
        var d = directives(SOCKET);
        assertTrue(one(d, "Socket.ListenStream").matches("\\d+"), "a port");
        assertEquals("no", one(d, "Socket.Accept"));
        assertEquals("sockets.target", one(d, "Install.WantedBy"));
        assertTrue(!d.containsKey("Socket.Service"), "the instance's service, by name");
        assertTrue(Files.readString(SOCKET).contains("systemd:domain=INET:index=0"), "says which port the server needs");
    }

    @Test
    void isHardenedAndMayWriteOnlyItsBaseDirectory() throws IOException {
        var d = directives();
        assertEquals("yes", one(d, "Service.NoNewPrivileges"));
        assertEquals("strict", one(d, "Service.ProtectSystem"));
        assertEquals("yes", one(d, "Service.PrivateTmp"));
        assertEquals("/var/lib/flappserver/%i", one(d, "Service.ReadWritePaths"));
        assertTrue(d.keySet().stream().noneMatch(k -> k.equals("Service.StateDirectory") || k.equals("Service.ReadOnlyPaths")
                || k.equals("Service.LogsDirectory")), "no other writable paths");
    }

    @Test
    void systemdAnalyzeFindsNothingWrong(@TempDir Path dir) throws Exception {
        Path tool = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(tool), "systemd-analyze is not installed");
        Analysis p = analyze(dir, "verify", "--man=no");
        List<String> complaints = p.output().lines()
                // before the package is installed, its program may be missing: not the unit's fault
                .filter(line -> !line.contains("Command /usr/bin/flappserver is not executable"))
                .toList();
        assertEquals(List.of(), complaints);
        assertEquals(0, p.status());
    }

    @Test
    void exposureScoreIsAtMostTwo(@TempDir Path dir) throws Exception {
        Path tool = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(tool), "systemd-analyze is not installed (apt-get install systemd)");
        String report = analyze(dir, "security", "--offline=yes", "--no-pager").output();
        java.util.regex.Matcher score = java.util.regex.Pattern
                .compile("Overall exposure level for \\S+: (\\d+\\.\\d+)").matcher(report);
        assertTrue(score.find(), report);
        double exposure = Double.parseDouble(score.group(1));
        System.out.println("systemd-analyze security: exposure " + exposure + " for flappserver@.service");
        assertTrue(exposure <= 2.0, "exposure " + exposure + " is above 2.0:\n" + report);
    }

    @Test
    void keepsTheSettingsTheJvmCannotRunUnderOut() throws IOException {
        var d = directives();
        // the JIT writes machine code and runs it
        assertTrue(!d.containsKey("Service.MemoryDenyWriteExecute"), "MemoryDenyWriteExecute= breaks the JVM");
        assertEquals("@system-service", d.get("Service.SystemCallFilter").get(0));
        assertEquals("EPERM", one(d, "Service.SystemCallErrorNumber"));
    }

    private record Analysis(int status, String output) {}

    /** Runs systemd-analyze on an instance of the unit (verify: and of the socket unit) and waits for it. */
    private static Analysis analyze(Path dir, String... args) throws Exception {
        Path instance = dir.resolve("flappserver@demo.service");
        Files.copy(UNIT, instance);
        Path socket = dir.resolve("flappserver@demo.socket"); // verify needs the service it activates beside it
        Files.copy(SOCKET, socket);
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/systemd-analyze"));
        cmd.addAll(List.of(args));
        cmd.add(instance.toString());
        if (args[0].equals("verify")) {
            cmd.add(socket.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "systemd-analyze " + args[0] + " finished");
        return new Analysis(p.exitValue(), output);
    }
}
