package org.flapp.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.flapp.rpc.Referenceable;
import org.junit.jupiter.api.Test;

/** run-command against fake run-command services that drive the client's watcher. */
class RunCommandCommandTest {
    private static final String FURL = "pb://fwhjwcytzdzbijbpnca627vyrj6tdppr@tcp:127.0.0.1:41010/57fxzay7xzoiaoxwjnhg5obobi6rfiic";

    /** A service whose execute answers None and then runs {@code script} with the watcher. */
    private static FakeService commandService(Consumer<Referenceable> script) {
        FakeService[] self = new FakeService[1];
        self[0] = new FakeService(Map.of("execute", args -> {
            Referenceable watcher = (Referenceable) args.get(0);
            // the output calls come after the answer, as on the wire
            self[0].executor.execute(() -> script.accept(watcher));
            return null;
        }));
        return self[0];
    }

    private static void call(Referenceable watcher, String method, Object... args) {
        FakeService.invokeQuietly(watcher, method, args);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesStdoutAndStderrApartAndExitsWithTheCommandsStatus() {
        FakeService service = commandService(w -> {
            call(w, "stdout", bytes("hello on stdout\n"));
            call(w, "stderr", bytes("warning on stderr\n"));
            call(w, "stdout", bytes("arg count=2\n"));
            call(w, "done", null, 3L);
        });
        ClientRun run = ClientRun.run(service.connector(), "--furl=" + FURL, "run-command");
        assertEquals(3, run.status(), run::toString);
        assertEquals("hello on stdout\narg count=2\n", run.stdout());
        assertEquals("warning on stderr\n", run.stderr(), "a command's own exit 3 prints no error");
        assertTrue(service.closed);
    }

    @Test
    void exitStatusesZeroOneSevenAndFortyTwoPassThrough() {
        for (long code : new long[] {0, 1, 7, 42}) {
            FakeService service = commandService(w -> call(w, "done", null, code));
            ClientRun run = ClientRun.run(service.connector(), "--furl=" + FURL, "run-command");
            assertEquals(code, run.status(), run::toString);
        }
    }

    @Test
    void commandKilledBySignalExits127() {
        FakeService service = commandService(w -> {
            call(w, "stdout", bytes("about to die\n"));
            call(w, "done", 9L, null);
        });
        ClientRun run = ClientRun.run(service.connector(), "--furl=" + FURL, "run-command");
        assertEquals(ExitStatus.SIGNALLED, run.status(), run::toString);
        assertEquals("about to die\n", run.stdout());
    }

    @Test
    void outputIsWrittenAsItArrivesNotAtTheEnd() throws Exception {
        CountDownLatch seen = new CountDownLatch(1);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(stdout, false, StandardCharsets.UTF_8);
        FakeService service = commandService(w -> {
            call(w, "stdout", bytes("first\n"));
            // the client must have written "first" before the command ends
            try {
                assertTrue(seen.await(5, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            call(w, "done", null, 0L);
        });
        Thread watcherOfStdout = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                synchronized (out) {
                    if (stdout.toString(StandardCharsets.UTF_8).equals("first\n")) {
                        seen.countDown();
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        });
        watcherOfStdout.start();
        int status = FlappClient.run(new String[] {"--furl=" + FURL, "run-command"},
                new ClientIo(out, System.err, new ByteArrayInputStream(new byte[0]), false), service.connector());
        watcherOfStdout.join();
        assertEquals(0, status);
        assertEquals(0, seen.getCount(), "stdout chunk was flushed before done");
    }

    @Test
    void stdinIsNotReadWhenTheServiceWantsNone() {
        FakeService service = commandService(w -> call(w, "done", null, 0L));
        ByteArrayInputStream stdin = new ByteArrayInputStream(bytes("unwanted"));
        ClientRun run = ClientRun.run(service.connector(), stdin, "--furl=" + FURL, "run-command");
        assertEquals(0, run.status(), run::toString);
        assertEquals(8, stdin.available(), "stdin left untouched");
        assertEquals(List.of("execute"), service.calls().stream().map(FakeService.Call::method).toList());
    }

    @Test
    void stdinIsStreamedToTheHandleThenClosed() throws Exception {
        byte[] input = new byte[9 * 1024 * 1024 + 123];
        new Random(5).nextBytes(input);
        ByteArrayOutputStream fed = new ByteArrayOutputStream();
        CountDownLatch closed = new CountDownLatch(1);
        FakeService[] self = new FakeService[2];
        // the stdin handle: collects feed_stdin data until close_stdin
        self[1] = new FakeService(Map.of(
                "feed_stdin", args -> {
                    fed.writeBytes((byte[]) args.get(0));
                    return null;
                },
                "close_stdin", args -> {
                    closed.countDown();
                    return null;
                }));
        self[0] = new FakeService(Map.of("execute", args -> {
            Referenceable watcher = (Referenceable) args.get(0);
            self[0].executor.execute(() -> {
                try {
                    assertTrue(closed.await(20, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                call(watcher, "stdout", bytes(Integer.toString(fed.size())));
                call(watcher, "done", null, 0L);
            });
            return self[1];
        }));
        ClientRun run = ClientRun.run(self[0].connector(), new ByteArrayInputStream(input), "--furl=" + FURL, "run-command");
        assertEquals(0, run.status(), run::toString);
        assertEquals(Integer.toString(input.length), run.stdout());
        assertArrayEquals(input, fed.toByteArray());
        List<FakeService.Call> calls = self[1].calls();
        assertEquals("close_stdin", calls.get(calls.size() - 1).method());
        assertFalse(calls.get(calls.size() - 1).wantsAnswer(), "close_stdin wants no answer");
        for (FakeService.Call call : calls.subList(0, calls.size() - 1)) {
            assertEquals("feed_stdin", call.method());
            assertFalse(call.wantsAnswer(), "feed_stdin wants no answer");
            byte[] chunk = (byte[]) call.args().get(0);
            assertTrue(chunk.length > 0 && chunk.length <= StdinPump.CHUNK, "chunk of " + chunk.length);
        }
    }

    @Test
    void connectionLostBeforeDoneExitsThree() {
        FakeService[] self = new FakeService[1];
        self[0] = new FakeService(Map.of("execute", args -> {
            Referenceable watcher = (Referenceable) args.get(0);
            self[0].executor.execute(() -> {
                call(watcher, "stdout", bytes("partial"));
                self[0].disconnect();
            });
            return null;
        }));
        ClientRun run = ClientRun.run(self[0].connector(), "--furl=" + FURL, "run-command");
        assertEquals(ExitStatus.CONNECTION_LOST, run.status(), run::toString);
        assertEquals("partial", run.stdout());
        assertEquals("flappclient: error: the connection to the server was lost before the command finished\n",
                run.stderr());
    }

    @Test
    void uploadServiceIsReportedAsTheWrongServiceType() {
        FakeService upload = new FakeService(Map.of("putfile", args -> null));
        ClientRun run = ClientRun.run(upload.connector(), "--furl=" + FURL, "run-command");
        assertEquals(ExitStatus.FAILURE, run.status(), run::toString);
        assertEquals("flappclient: error: this FURL is not a run-command service"
                + " (the server has no 'execute' method)\n", run.stderr());
    }
}
