package org.flapp.services.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.RemoteException;
import org.flapp.services.ServiceFactory;
import org.flapp.services.testing.Calls;
import org.flapp.services.testing.Watcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the server stops everything a command started (its whole session), and the
 * server-wide cap on running commands refuses the extra ones clearly while others are served.
 */
class CommandStopAndLimitTest {
    @TempDir
    Path dir;
    ServiceFactory factory;
    final List<Watcher> watchers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        if (factory != null) {
            factory.close();
        }
        watchers.forEach(Watcher::close);
    }

    private CompletableFuture<Object> execute(String... args) throws Exception {
        Referenceable service = factory.build("run-command", List.of(args), dir, dir.resolve("services/1"));
        Watcher w = Watcher.responsive();
        watchers.add(w);
        return Calls.call(service, "execute", w);
    }

    private Watcher lastWatcher() {
        return watchers.get(watchers.size() - 1);
    }

    /** Waits for the command to print a pid on stdout. */
    private long printedPid(Watcher w) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String out = new String(w.stdout(), StandardCharsets.US_ASCII);
            if (out.endsWith("\n")) {
                return Long.parseLong(out.strip());
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the command printed no pid");
    }

    private static void assertGone(long pid, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !isZombie(pid)) {
            assertTrue(System.nanoTime() < deadline, what + " (pid " + pid + ") survived the server");
            Thread.sleep(20);
        }
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void stoppingTheServerStopsTheBackgroundChildrenOfARunningCommand() throws Exception {
        factory = new ServiceFactory();
        assertNull(execute(dir.toString(), "sh", "-c", "sleep 30 & echo $!; wait").get(10, TimeUnit.SECONDS));
        long sleeper = printedPid(lastWatcher());
        assertTrue(ProcessHandle.of(sleeper).isPresent(), "the background sleep runs");

        factory.close();
        factory = null;

        assertGone(sleeper, "the background sleep");
        assertEquals(Arrays.asList(15L, null), lastWatcher().awaitDone(), "the command was stopped by SIGTERM");
    }

    @Test
    void stoppingTheServerStopsWhatAFinishedCommandLeftBehind() throws Exception {
        factory = new ServiceFactory();
        execute(dir.toString(), "sh", "-c", "sleep 30 </dev/null >/dev/null 2>&1 & echo $!").get(10, TimeUnit.SECONDS);
        Watcher w = lastWatcher();
        assertEquals(Arrays.asList(null, 0L), w.awaitDone(), "the command itself ended");
        long sleeper = printedPid(w);
        assertTrue(ProcessHandle.of(sleeper).isPresent(), "its background sleep still runs");

        factory.close();
        factory = null;

        assertGone(sleeper, "the left-behind sleep");
    }

    @Test
    void aCommandThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
        factory = new ServiceFactory();
        execute(dir.toString(), "sh", "-c", "trap '' TERM; sleep 60 & echo $!; wait").get(10, TimeUnit.SECONDS);
        long sleeper = printedPid(lastWatcher());
        long started = System.nanoTime();

        factory.close();
        factory = null;

        assertGone(sleeper, "the sleep of a command ignoring SIGTERM");
        assertEquals(Arrays.asList(9L, null), lastWatcher().awaitDone());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30), "stopped within the grace period");
    }

    @Test
    void aFloodOfCommandsIsCappedWithAClearErrorAndTheServerKeepsServing() throws Exception {
        int cap = 3;
        factory = new ServiceFactory(CommandLimits.DEFAULTS, cap, null);
        List<CompletableFuture<Object>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(execute(dir.toString(), "sh", "-c", "while [ ! -e go ]; do sleep 0.05; done"));
        }
        int accepted = 0;
        for (CompletableFuture<Object> answer : answers) {
            try {
                assertNull(answer.get(30, TimeUnit.SECONDS));
                accepted++;
            } catch (ExecutionException e) {
                RemoteException refusal = assertInstanceOf(RemoteException.class, e.getCause());
                assertEquals("builtins.RuntimeError", refusal.type());
                assertTrue(refusal.getMessage().contains("too many commands running at once (the limit is 3)"),
                        refusal.getMessage());
            }
        }
        assertEquals(cap, accepted, "exactly the cap's worth of commands run");
        assertEquals(cap, factory.runningCommands());

        Files.createFile(dir.resolve("go"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (factory.runningCommands() > 0) {
            assertTrue(System.nanoTime() < deadline, "the running commands ended");
            Thread.sleep(10);
        }
        assertNull(execute(dir.toString(), "echo", "served").get(10, TimeUnit.SECONDS), "a new command is served");
        assertEquals(Arrays.asList(null, 0L), lastWatcher().awaitDone());
        assertEquals("served\n", new String(lastWatcher().stdout(), StandardCharsets.UTF_8));
        long settled = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (factory.runningCommands() > 0) {  // the slot is given back just after done is sent
            assertTrue(System.nanoTime() < settled, "the last command gave its slot back");
            Thread.sleep(10);
        }
    }
}
