package org.flapp.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.flapp.app.FlappServer;
import org.flapp.client.FlappClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TarballTest {
    private static Map<String, ArchiveEntry> entries;
    private static String top;

    @BeforeAll
    static void read() throws IOException {
        entries = Archives.readTarGz(Files.readAllBytes(Built.tarball()));
        top = "flapp-" + Built.version() + "/";
    }

    private static ArchiveEntry entry(String path) {
        ArchiveEntry e = entries.get(top + path);
        assertTrue(e != null, "the tarball has no " + top + path + "; it has " + entries.keySet());
        return e;
    }

    @Test
    void everyMemberIsUnderOneVersionedDirectory() {
        assertTrue(entries.keySet().stream().allMatch(p -> p.startsWith(top)), entries.keySet().toString());
    }

    @Test
    void shipsLaunchersUnitReadmeAndLicense() throws IOException {
        ArchiveEntry server = entry("bin/flappserver");
        assertTrue(server.isExecutable(), "bin/flappserver mode " + Integer.toOctalString(server.mode()));
        assertArrayEquals(Files.readAllBytes(Built.repo().resolve("bin/flappserver")), server.content());
        ArchiveEntry client = entry("bin/flappclient");
        // the same script, which runs the program it is named after
        assertTrue(client.isSymlink() ? client.linkTarget().equals("flappserver")
                : client.isExecutable() && java.util.Arrays.equals(server.content(), client.content()));
        assertEquals(Files.readString(Built.repo().resolve("LICENSE")), entry("LICENSE").text());
        assertTrue(entry("LICENSE").text().contains("Copyright (c) 2026 the Flapp developers"));
        assertTrue(entry("README.md").text().contains("flappserver"));
        assertTrue(entry("lib/systemd/system/flappserver@.service").text().contains("ExecStart="));
        assertTrue(entry("lib/systemd/system/flappserver@.socket").text().contains("ListenStream="));
    }

    @Test
    void libHoldsEveryModuleAndDependencyJar() {
        for (String jar : List.of("flapp-rpc-", "flapp-config-", "flapp-services-", "flapp-app-",
                "flapp-client-cli-", "picocli-", "netty-handler-", "netty-tcnative-boringssl-static-", "jackson-databind-",
                "logback-classic-", "slf4j-api-")) {
            assertTrue(entries.keySet().stream().anyMatch(p -> p.startsWith(top + "lib/" + jar) && p.endsWith(".jar")),
                    "no " + jar + "*.jar in lib/");
        }
        assertTrue(entries.keySet().stream().noneMatch(p -> p.contains("flapp-packaging")),
                "the build-time generator is not shipped");
        assertTrue(entries.keySet().stream().noneMatch(p -> p.contains("lib/bc")),
                "BouncyCastle is for tests only: its signed jars would slow every start");
    }

    @Test
    void hasAManPageForEveryCommandAndSubcommand() throws IOException {
        for (CommandLine root : List.of(new CommandLine(new FlappServer()), FlappClient.commandLineForDocs())) {
            String page = gunzip(entry("share/man/man1/" + root.getCommandName() + ".1.gz").content());
            assertTrue(page.startsWith(".TH " + '"' + root.getCommandName().toUpperCase()), page);
            for (CommandLine sub : root.getSubcommands().values()) {
                String name = root.getCommandName() + "-" + sub.getCommandName();
                String subPage = gunzip(entry("share/man/man1/" + name + ".1.gz").content());
                assertTrue(subPage.contains(".SH SYNOPSIS"), subPage);
                for (var option : sub.getCommandSpec().options()) {
                    if (!option.hidden()) {
                        assertTrue(subPage.contains(ManPage.escape(option.longestName())),
                                name + " page lacks " + option.longestName());
                    }
                }
                assertTrue(page.contains(ManPage.escape(sub.getCommandName())), "root page lists " + name);
            }
        }
    }

    @Test
    void hasBashCompletionForBothPrograms() {
        for (String program : List.of("flappserver", "flappclient")) {
            String script = entry("share/bash-completion/completions/" + program).text();
            assertTrue(script.contains("complete -F _complete_" + program), script.lines().limit(5).toList().toString());
        }
        assertTrue(entry("share/bash-completion/completions/flappserver").text().contains("--nodaemon"));
    }

    static String gunzip(byte[] gz) throws IOException {
        try (var in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
