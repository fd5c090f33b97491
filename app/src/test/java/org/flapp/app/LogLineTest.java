package org.flapp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The server's log layout keeps every event on one line, whatever its message holds. */
class LogLineTest {
    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        ((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory()).reset();
    }

    @Test
    void aMessageWithLineBreaksIsOneLineInTheLogFile() throws Exception {
        LogSetup.toFile(dir);
        LoggerFactory.getLogger("peer").info("peer said {}", "hi\n2026-12-01T00:00:00.000+0000 INFO [main] FAKE: forged\r\u2028x");
        ((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory()).stop();

        List<String> lines = Files.readAllLines(dir.resolve(LogSetup.LOG_FILE), StandardCharsets.UTF_8);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith("peer: peer said hi\\x0a2026-12-01T00:00:00.000+0000 INFO [main] FAKE: forged\\x0d\\u2028x"),
                lines.get(0));
    }
}
