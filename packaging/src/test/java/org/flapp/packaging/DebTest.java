package org.flapp.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DebTest {
    private static Map<String, byte[]> members;
    private static Map<String, ArchiveEntry> control;
    private static Map<String, ArchiveEntry> data;

    @BeforeAll
    static void read() throws IOException {
        members = Archives.readAr(Built.deb());
        control = Archives.readTarGz(members.get("control.tar.gz"));
        data = Archives.readTarGz(members.get("data.tar.gz"));
    }

    private static ArchiveEntry file(Map<String, ArchiveEntry> tar, String path) {
        ArchiveEntry e = tar.get(path);
        assertTrue(e != null, "no " + path + " in " + tar.keySet());
        return e;
    }

    private static Map<String, String> controlFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        String last = null;
        for (String line : file(control, "control").text().split("\n")) {
            if (line.startsWith(" ") && last != null) {
                fields.merge(last, "\n" + line, String::concat);
            } else if (line.contains(":")) {
                last = line.substring(0, line.indexOf(':'));
                fields.put(last, line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return fields;
    }

    @Test
    void isADebianBinaryPackageOfFormatTwo() {
        assertEquals(List.of("debian-binary", "control.tar.gz", "data.tar.gz"), List.copyOf(members.keySet()));
        assertEquals("2.0\n", new String(members.get("debian-binary"), java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void controlNamesPackageVersionAndJavaRuntimeDependency() {
        Map<String, String> fields = controlFields();
        assertEquals("flapp", fields.get("Package"));
        assertEquals("all", fields.get("Architecture"));
        assertEquals(Built.version().replace("-SNAPSHOT", "~SNAPSHOT"), fields.get("Version"));
        assertTrue(fields.get("Depends").contains("default-jre-headless (>= 2:1.17) | java17-runtime-headless"),
                fields.get("Depends"));
        assertTrue(fields.get("Depends").contains("adduser"), fields.get("Depends"));
        assertTrue(fields.get("Description").contains("\n "), "a synopsis and a long description");
        assertTrue(Integer.parseInt(fields.get("Installed-Size")) > 1000, "Installed-Size in KiB");
    }

    @Test
    void maintainerScriptsCreateTheUserAndDivertPythonsPrograms() {
        for (String script : List.of("preinst", "postinst", "prerm", "postrm")) {
            ArchiveEntry e = file(control, script);
            assertTrue(e.isExecutable(), script + " is executable");
            assertTrue(e.text().startsWith("#!/bin/sh\n"), script);
        }
        String postinst = file(control, "postinst").text();
        assertTrue(postinst.contains("adduser --system --group"), postinst);
        assertTrue(postinst.contains("--home /var/lib/flappserver"), postinst);
        assertTrue(file(control, "preinst").text().contains("dpkg-divert --package flapp --add --rename"));
        assertTrue(file(control, "postrm").text().contains("dpkg-divert --package flapp --remove --rename"));
    }

    @Test
    void installsBothProgramsOnThePath() throws IOException {
        for (String program : List.of("flappserver", "flappclient")) {
            ArchiveEntry link = file(data, "usr/bin/" + program);
            assertTrue(link.isSymlink(), program);
            assertEquals("/usr/share/flapp/bin/" + program, link.linkTarget());
            ArchiveEntry launcher = file(data, "usr/share/flapp/bin/" + program);
            assertTrue(launcher.isExecutable(), program + " mode " + Integer.toOctalString(launcher.mode()));
            assertArrayEquals(Files.readAllBytes(Built.repo().resolve("bin/flappserver")), launcher.content());
        }
        assertTrue(data.keySet().stream().anyMatch(p -> p.matches("usr/share/flapp/lib/flapp-app-.*\\.jar")));
        assertTrue(data.keySet().stream().anyMatch(p -> p.matches("usr/share/flapp/lib/flapp-client-cli-.*\\.jar")));
    }

    @Test
    void shipsTheUnitManPagesCompletionAndCopyright() throws IOException {
        assertArrayEquals(Files.readAllBytes(Built.repo().resolve("packaging/src/main/systemd/flappserver@.service")),
                file(data, "usr/lib/systemd/system/flappserver@.service").content());
        assertArrayEquals(Files.readAllBytes(Built.repo().resolve("packaging/src/main/systemd/flappserver@.socket")),
                file(data, "usr/lib/systemd/system/flappserver@.socket").content());
        for (String page : List.of("flappserver", "flappserver-create", "flappserver-start", "flappclient",
                "flappclient-upload-file", "flappclient-run-command")) {
            assertTrue(TarballTest.gunzip(file(data, "usr/share/man/man1/" + page + ".1.gz").content())
                    .contains(".SH NAME"), page);
        }
        assertTrue(file(data, "usr/share/bash-completion/completions/flappserver").text().contains("complete -F"));
        assertTrue(file(data, "usr/share/doc/flapp/copyright").text().contains("2026 the Flapp developers"));
        assertTrue(data.values().stream().filter(e -> !e.isDirectory() && !e.isSymlink())
                .allMatch(e -> e.path().startsWith("usr/")), "nothing outside /usr (state is made by postinst)");
    }
}
