package org.flapp.services.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.RemoteException;
import org.flapp.services.ServiceFactory;
import org.flapp.services.testing.Calls;
import org.flapp.services.testing.Eventually;
import org.flapp.services.testing.Watcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunCommandServiceTest {
    @TempDir
    Path dir;
    ServiceFactory factory = new ServiceFactory();
    final List<Watcher> watchers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        factory.close();
        watchers.forEach(Watcher::close);
    }

    private Referenceable service(String... args) throws Exception {
        return factory.build("run-command", List.of(args), dir, dir.resolve("services/1"));
    }

    private Watcher watcher(Watcher w) {
        watchers.add(w);
        return w;
    }

    /** Runs execute and returns its answer (the stdin handle or null). */
    private Object execute(Referenceable service, Watcher watcher) throws Exception {
        try {
            return Calls.call(service, "execute", watcher).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private Watcher run(String... args) throws Exception {
        Watcher w = watcher(Watcher.responsive());
        assertNull(execute(service(args), w));
        w.awaitDone();
        return w;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void sendsStdoutAndStderrSeparatelyAndInOrder() throws Exception {
        Watcher w = run(dir.toString(), "sh", "-c",
                "for i in 1 2 3 4 5; do echo out$i; echo err$i >&2; done; exit 0");
        assertEquals("out1\nout2\nout3\nout4\nout5\n", text(w.stdout()));
        assertEquals("err1\nerr2\nerr3\nerr4\nerr5\n", text(w.stderr()));
        assertEquals(Arrays.asList(null, 0L), w.awaitDone());
        List<Watcher.Event> events = w.events();
        assertEquals("done", events.get(events.size() - 1).method(), "done comes last");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 42, 137, 143, 255})
    void reportsTheExitCodeOfANormalExit(int code) throws Exception {
        assertEquals(Arrays.asList(null, (long) code), run(dir.toString(), "sh", "-c", "exit " + code).awaitDone());
    }

    @Test
    void reportsDeathBySignalNineAsASignal() throws Exception {
        Watcher w = run(dir.toString(), "sh", "-c", "echo about to die; kill -9 $$");
        assertEquals(Arrays.asList(9L, null), w.awaitDone());
        assertEquals("about to die\n", text(w.stdout()));
    }

    @Test
    void reportsDeathBySigtermAsASignalNotAsExit143() throws Exception {
        assertEquals(Arrays.asList(15L, null), run(dir.toString(), "sh", "-c", "kill -TERM $$").awaitDone());
    }

    @Test
    void runsTheCommandInTheTargetDirectoryFoundOnPath() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("work"));
        Watcher w = run("work", "pwd");
        assertEquals(sub.toRealPath() + "\n", text(w.stdout()));
    }

    @Test
    void passesArgumentsExactlyWithoutAShell() throws Exception {
        Watcher w = run(dir.toString(), "printf", "[%s]", "a b", "$HOME", "--no-stdout", "");
        assertEquals("[a b][$HOME][--no-stdout][]", text(w.stdout()));
    }

    @Test
    void reportsACommandThatIsNotFoundOnStderrWithExitCodeOne() throws Exception {
        Watcher w = run(dir.toString(), "no-such-command-for-flapp");
        assertEquals(Arrays.asList(null, 1L), w.awaitDone());
        assertTrue(text(w.stderr()).contains("cannot run 'no-such-command-for-flapp'"), text(w.stderr()));
        assertTrue(text(w.stderr()).contains("No such file or directory"), text(w.stderr()));
    }

    @Test
    void reportsAMissingWorkingDirectoryOnStderrWithExitCodeOneAsPythonDoes() throws Exception {
        Path missing = dir.resolve("missing-dir");
        Watcher w = run(missing.toString(), "true");
        assertEquals(Arrays.asList(null, 1L), w.awaitDone());
        // the last line is the one Python's server sends from its forked child
        String[] lines = text(w.stderr()).split("\n");
        assertEquals("FileNotFoundError: [Errno 2] No such file or directory: '" + missing + "'",
                lines[lines.length - 1], text(w.stderr()));
    }

    @Test
    void namesTheLastPathEntryTriedAsBytesLikePythonsExecvpe() throws Exception {
        Watcher w = run(dir.toString(), "no-such-command-for-flapp");
        assertEquals(Arrays.asList(null, 1L), w.awaitDone());
        String[] path = System.getenv("PATH").split(":", -1);
        String[] lines = text(w.stderr()).split("\n");
        assertEquals("FileNotFoundError: [Errno 2] No such file or directory: b'" + path[path.length - 1]
                + "/no-such-command-for-flapp'", lines[lines.length - 1], text(w.stderr()));
    }

    @Test
    void refusesToExecuteWithoutACommand() throws Exception {
        RemoteException e = assertThrows(RemoteException.class,
                () -> execute(service(dir.toString()), watcher(Watcher.responsive())));
        assertEquals("foolscap.appserver.services.BadServiceArguments", e.type());
    }

    @Test
    void noStdoutAndNoStderrSendNothingButDone() throws Exception {
        Watcher w = run("--no-stdout", "--no-stderr", dir.toString(), "sh", "-c", "echo o; echo e >&2; exit 3");
        assertEquals(List.of("done"), w.events().stream().map(Watcher.Event::method).toList());
        assertEquals(Arrays.asList(null, 3L), w.awaitDone());
    }

    @Test
    void noStdoutStillSendsStderr() throws Exception {
        Watcher w = run("--no-stdout", dir.toString(), "sh", "-c", "echo o; echo e >&2");
        assertEquals("", text(w.stdout()));
        assertEquals("e\n", text(w.stderr()));
    }

    @Test
    void withoutAcceptStdinTheCommandReadsEndOfInput() throws Exception {
        Watcher w = run(dir.toString(), "wc", "-c");
        assertEquals("0", text(w.stdout()).strip());
    }

    @Test
    void streamsTwentyMebibytesOfStdinIntact() throws Exception {
        Referenceable service = service("--accept-stdin", dir.toString(), "sha256sum");
        Watcher w = watcher(Watcher.responsive());
        Referenceable stdin = (Referenceable) execute(service, w);
        byte[] chunk = new byte[64 * 1024];
        Random random = new Random(20);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 20 * 16; i++) {
            random.nextBytes(chunk);
            sha.update(chunk);
            // a client that waits for each answer: flow control holds it back when the queue is full
            Calls.call(stdin, "feed_stdin", (Object) chunk.clone()).get(20, TimeUnit.SECONDS);
        }
        Calls.call(stdin, "close_stdin").get(5, TimeUnit.SECONDS);
        assertEquals(Arrays.asList(null, 0L), w.awaitDone());
        assertEquals(HexFormat.of().formatHex(sha.digest()) + "  -\n", text(w.stdout()));
    }

    @Test
    void feedStdinAnswersLateWhileTheQueueIsFull() throws Exception {
        Referenceable service = service("--accept-stdin", dir.toString(), "sh", "-c", "read line; sleep 1; wc -c");
        Watcher w = watcher(Watcher.responsive());
        Referenceable stdin = (Referenceable) execute(service, w);
        Calls.call(stdin, "feed_stdin", (Object) "go\n".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
        byte[] big = new byte[(int) CommandLimits.DEFAULTS.stdinSoftLimit() + 100_000];
        CompletableFuture<Object> answer = Calls.call(stdin, "feed_stdin", (Object) big);
        assertFalse(answer.isDone(), "above the soft limit the answer waits for the command");
        answer.get(10, TimeUnit.SECONDS);
        Calls.call(stdin, "close_stdin").get(5, TimeUnit.SECONDS);
        w.awaitDone();
        assertEquals(String.valueOf(big.length), text(w.stdout()).strip());
    }

    @Test
    void feedStdinRefusesNonBytes() throws Exception {
        Referenceable stdin = (Referenceable) execute(service("--accept-stdin", dir.toString(), "cat"),
                watcher(Watcher.responsive()));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> Calls.call(stdin, "feed_stdin", "text").get(5, TimeUnit.SECONDS));
        assertEquals("builtins.TypeError", ((RemoteException) e.getCause()).type());
        Calls.call(stdin, "close_stdin").get(5, TimeUnit.SECONDS);
    }

    @Test
    void echoesStdinThroughACommand() throws Exception {
        Watcher w = watcher(Watcher.responsive());
        Referenceable stdin = (Referenceable) execute(service("--accept-stdin", dir.toString(), "tr", "a-z", "A-Z"), w);
        Calls.call(stdin, "feed_stdin", (Object) "hello ".getBytes(StandardCharsets.UTF_8));
        Calls.call(stdin, "feed_stdin", (Object) "world\n".getBytes(StandardCharsets.UTF_8));
        Calls.call(stdin, "close_stdin");
        Calls.call(stdin, "close_stdin");  // harmless when repeated
        assertEquals(Arrays.asList(null, 0L), w.awaitDone());
        assertEquals("HELLO WORLD\n", text(w.stdout()));
    }

    @Test
    void losingTheWatchersConnectionClosesStdin() throws Exception {
        Watcher w = watcher(Watcher.responsive());
        Referenceable stdin = (Referenceable) execute(service("--accept-stdin", dir.toString(), "cat"), w);
        Calls.call(stdin, "feed_stdin", (Object) "partial".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (factory.runningCommands() != 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        w.disconnect();
        while (factory.runningCommands() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, factory.runningCommands(), "cat ended: its stdin was closed");
    }

    @Test
    void aClientThatNeverReadsHoldsTheCommandBackInsteadOfFillingMemory() throws Exception {
        factory.close();
        CommandLimits small = new CommandLimits(4096, 3, 1024 * 1024, 8 * 1024 * 1024);
        factory = new ServiceFactory(small);
        Watcher w = watcher(Watcher.stalled());
        execute(service(dir.toString(), "head", "-c", "10000000", "/dev/zero"), w);

        Eventually.await(() -> w.heldWrites() == small.outputWindow(), "the output window fills");
        Eventually.holdsFor(Duration.ofMillis(500), () -> w.events().size() == small.outputWindow(),
                "the window is full, then nothing more is read");
        assertEquals(small.outputWindow(), w.heldWrites());
        assertTrue(w.stdoutSize() <= small.outputWindow() * small.readChunk(), "bytes: " + w.stdoutSize());
        assertFalse(w.isDone(), "the command is held back by the full pipe");
        assertEquals(1, factory.runningCommands());

        w.releaseWrites();
        assertEquals(Arrays.asList(null, 0L), w.awaitDone());
        assertEquals(10_000_000, w.stdoutSize());
    }

    @Test
    void sendsOnlyCallsWithoutAnswerAsPythonDoes() throws Exception {
        Watcher w = run(dir.toString(), "head", "-c", "3000000", "/dev/zero");
        assertEquals(3_000_000, w.stdoutSize());
        assertEquals(0, w.answeredCalls(), "no flow-control probes on the wire");
        assertTrue(w.events().stream().allMatch(e -> e.method().equals("done") || ((byte[]) e.args()[0]).length > 0),
                "no empty output chunks");
    }

    @Test
    void sendsNoOutputBeforeTheExecuteAnswerIsWritten() throws Exception {
        Watcher w = watcher(Watcher.responsive());
        CompletableFuture<Void> answerWritten = new CompletableFuture<>();
        assertNull(Calls.callAnsweredWhen(answerWritten, service(dir.toString(), "sh", "-c", "echo early; echo err >&2; : > written"),
                "execute", w).get(10, TimeUnit.SECONDS));
        Eventually.await(() -> Files.exists(dir.resolve("written")), "the command wrote its output");
        Eventually.holdsFor(Duration.ofMillis(300), () -> w.events().isEmpty(), "the command's output waits in its pipes");
        answerWritten.complete(null);
        assertEquals(Arrays.asList(null, 0L), w.awaitDone());
        assertEquals("early\n", text(w.stdout()));
        assertEquals("err\n", text(w.stderr()));
    }

    @Test
    void drainsOutputWhenTheConnectionIsLostBeforeTheAnswerIsWritten() throws Exception {
        Watcher w = watcher(Watcher.responsive());
        CompletableFuture<Void> answerWritten = new CompletableFuture<>();
        Calls.callAnsweredWhen(answerWritten, service(dir.toString(), "head", "-c", "5000000", "/dev/zero"),
                "execute", w).get(10, TimeUnit.SECONDS);
        w.disconnect();
        answerWritten.completeExceptionally(new org.flapp.rpc.DeadReferenceException("connection lost"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (factory.runningCommands() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, factory.runningCommands());
        assertEquals(0, w.stdoutSize());
    }

    @Test
    void keepsDrainingOutputAfterTheClientIsGone() throws Exception {
        Watcher w = watcher(Watcher.stalled());
        execute(service(dir.toString(), "head", "-c", "5000000", "/dev/zero"), w);
        Eventually.await(() -> w.heldWrites() > 0, "the pump waits for the stalled client");
        w.disconnect();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (factory.runningCommands() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, factory.runningCommands());
    }

    @Test
    void closingTheFactoryStopsRunningCommands() throws Exception {
        Watcher w = watcher(Watcher.responsive());
        execute(service(dir.toString(), "sh", "-c", ": > started; exec sleep 30"), w);
        Eventually.await(() -> Files.exists(dir.resolve("started")), "the command started");
        factory.close();
        assertEquals(Arrays.asList(15L, null), w.awaitDone(), "SIGTERM reached the command");
    }

    @Test
    void executeWithoutWatcherIsRefused() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> Calls.call(service(dir.toString(), "true"), "execute").get(5, TimeUnit.SECONDS));
        assertInstanceOf(org.flapp.rpc.ViolationException.class, e.getCause());
    }

    @Test
    void binaryOutputArrivesUnchanged() throws Exception {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        Path file = Files.write(dir.resolve("blob"), data);
        assertArrayEquals(data, run(dir.toString(), "cat", file.toString()).stdout());
    }
}
