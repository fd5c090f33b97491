package org.flapp.services.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.flapp.services.options.UploadFileOptions;
import org.flapp.services.testing.Calls;
import org.flapp.services.testing.FileSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** An upload name with a line break in it cannot forge a second log line. */
class UploadLogLineTest {
    private static final String FORGED = "log\n2026-12-01T00:00:00.000+0000 INFO [main] FAKE: forged line";

    @TempDir
    Path tmp;
    private final ExecutorService io = Executors.newFixedThreadPool(2);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(UploadTransfer.class);
    private Level before;

    @BeforeEach
    void capture() {
        before = logger.getLevel();
        logger.setLevel(Level.INFO);
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void release() throws InterruptedException {
        logger.detachAppender(events);
        logger.setLevel(before);
        io.shutdown();
        assertTrue(io.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void theNameOfAnUploadIsLoggedOnOneLineWhetherItSucceedsOrFails() throws Exception {
        Path target = Files.createDirectory(tmp.resolve("target"));
        FileUploadService service = new FileUploadService(UploadFileOptions.parse(List.of(target.toString()), tmp),
                io, new ActiveUploads(),
                new UploadBudget(UploadBudget.DEFAULT_BLOCKS));
        Path local = Files.writeString(tmp.resolve("local"), "data");
        try (FileSource ok = FileSource.of(local); FileSource failing = FileSource.failingAfter(local, 0)) {
            assertNull(Calls.call(service, "putfile", FORGED.getBytes(StandardCharsets.UTF_8), ok).get(30, TimeUnit.SECONDS));
            org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> Calls.call(service, "putfile", (FORGED + "2").getBytes(StandardCharsets.UTF_8), failing)
                            .get(30, TimeUnit.SECONDS));
        }
        assertEquals("data", Files.readString(target.resolve(FORGED)), "the name itself is kept");
        List<String> lines = events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(2, lines.size(), lines.toString());
        for (String line : lines) {
            assertFalse(line.contains("\n") || line.contains("\r"), "one event, one line: " + line);
            // quoted as Python's repr shows it (PythonText.repr): the line break as \n, not a break
            assertTrue(line.contains("'log\\n2026-12-01T00:00:00.000+0000 INFO [main] FAKE: forged line"), line);
        }
    }
}
