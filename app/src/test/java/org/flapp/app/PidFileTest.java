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
    void readsAPidWithANewlineAndFindsTheServerHoldingTheLock() throws IOException {
        Files.writeString(dir.resolve("twistd.pid"), ProcessHandle.current().pid() + "\n");
        ServerLock lock = ServerLock.acquire(dir).orElseThrow();
        try {
            assertEquals(ProcessHandle.current().pid(), new PidFile(dir).liveProcess().orElseThrow().pid());
        } finally {
            lock.release();
        }
    }

    @Test
    void aLiveProcessThatIsNoServerOfTheDirectoryDoesNotCount() throws IOException {
        // this test JVM is alive, but neither holds the lock nor runs a flappserver in dir
        Files.writeString(dir.resolve("twistd.pid"), Long.toString(ProcessHandle.current().pid()));
        assertTrue(new PidFile(dir).liveProcess().isEmpty());
    }

    @Test
    void aZombieDoesNotCountEvenWhileTheLockIsHeld() throws Exception {
        // perl starts a child that ends at once and never reaps it
        Process parent = new ProcessBuilder("perl", "-e",
                "$| = 1; my $child = fork(); exit 0 if $child == 0; print \"$child\\n\"; sleep 30").start();
        try {
            long zombie = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(
                    parent.getInputStream())).readLine().strip());
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (!ServerProcessCheck.isZombie(zombie)) {
                assertTrue(System.nanoTime() < deadline, "the child became a zombie");
                Thread.sleep(10);
            }
            new PidFile(dir).write(zombie);
            ServerLock lock = ServerLock.acquire(dir).orElseThrow();
            try {
                assertTrue(new PidFile(dir).liveProcess().isEmpty(), "a killed, unreaped server is not running");
            } finally {
                lock.release();
            }
        } finally {
            parent.destroyForcibly();
        }
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
