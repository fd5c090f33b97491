package org.flapp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {
    @TempDir
    Path dir;

    @Test
    void writesTheDecimalPidWithoutNewlineAsTwistdDoes() throws IOException {
        PidFile pid = new PidFile(dir);
        pid.write(12345);
        assertEquals("12345", Files.readString(dir.resolve("twistd.pid")));
        assertEquals(OptionalLong.of(12345), pid.read());
    }

    @Test
    void readsAPidWithANewlineAndFindsTheLiveProcess() throws IOException {
        Files.writeString(dir.resolve("twistd.pid"), ProcessHandle.current().pid() + "\n");
        assertEquals(ProcessHandle.current().pid(), new PidFile(dir).liveProcess().orElseThrow().pid());
    }

    @Test
    void missingFileMeansNoPidAndGarbageIsAnError() throws IOException {
        PidFile pid = new PidFile(dir);
        assertEquals(OptionalLong.empty(), pid.read());
        Files.writeString(dir.resolve("twistd.pid"), "not a pid");
        assertThrows(IOException.class, pid::read);
    }

    @Test
    void deletesOnlyItsOwnPid() throws IOException {
        PidFile pid = new PidFile(dir);
        pid.write(7);
        pid.deleteIfOwnedBy(8);
        assertTrue(pid.exists());
        pid.deleteIfOwnedBy(7);
        assertFalse(pid.exists());
    }
}
