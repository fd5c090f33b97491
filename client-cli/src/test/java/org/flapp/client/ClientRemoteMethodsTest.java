package org.flapp.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.Tub;
import org.flapp.rpc.TubIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The objects flappclient offers to the server (the upload source's {@code read}, the command
 * watcher's {@code stdout}, {@code stderr} and {@code done}) called through real Tubs: arguments
 * a server legitimately sends work, others are refused with a Violation while they are decoded,
 * before the handler sees them.
 */
@Timeout(60)
class ClientRemoteMethodsTest {
    @TempDir
    Path tmp;

    /** Publishes {@code object} on a Tub and returns a reference to it from another Tub. */
    private static RemoteReference publish(Tub owner, Tub caller, Referenceable object) throws Exception {
        int port = owner.listenOn("tcp:0:interface=127.0.0.1");
        owner.setLocation("tcp:127.0.0.1:" + port);
        return caller.getReference(owner.registerReference(object)).get(30, TimeUnit.SECONDS);
    }

    private static void assertViolation(CompletableFuture<?> call) {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> call.get(30, TimeUnit.SECONDS));
        RemoteException remote = assertInstanceOf(RemoteException.class, e.getCause());
        assertEquals("foolscap.tokens.Violation", remote.type(), remote::toString);
    }

    @Test
    void theUploadSourceTakesAnIntegerSizeOnly() throws Exception {
        Path file = Files.writeString(tmp.resolve("f.txt"), "abcdef");
        try (Tub owner = new Tub(TubIdentity.generateEphemeral());
             Tub server = new Tub(TubIdentity.generateEphemeral());
             FileSource source = FileSource.open(file, ProgressBar.NONE)) {
            RemoteReference read = publish(owner, server, source);
            assertViolation(read.callRemote("read", "4"));
            assertViolation(read.callRemote("read", 4L, 5L));
            assertArrayEquals("abcd".getBytes(StandardCharsets.US_ASCII),
                    (byte[]) read.callRemote("read", 4L).get(30, TimeUnit.SECONDS));
            // Python's server asks for 1 MiB: the rest of the file
            assertArrayEquals("ef".getBytes(StandardCharsets.US_ASCII),
                    (byte[]) read.callRemote("read", 1048576L).get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void theWatcherTakesOutputAsBytesAndDoneAsNoneOrIntegers() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OutputWatcher watcher = new OutputWatcher(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        try (Tub owner = new Tub(TubIdentity.generateEphemeral());
             Tub server = new Tub(TubIdentity.generateEphemeral())) {
            RemoteReference ref = publish(owner, server, watcher);
            assertViolation(ref.callRemote("stdout", 42L));
            assertViolation(ref.callRemote("stderr", new byte[OutputWatcher.MAX_OUTPUT_BYTES + 1]));
            assertViolation(ref.callRemote("done", "SIGKILL", 0L));
            assertViolation(ref.callRemote("done", null, "3"));
            ref.callRemote("stdout", "out\n".getBytes(StandardCharsets.UTF_8)).get(30, TimeUnit.SECONDS);
            ref.callRemote("stderr", "err\n".getBytes(StandardCharsets.UTF_8)).get(30, TimeUnit.SECONDS);
            ref.callRemote("done", null, 3L).get(30, TimeUnit.SECONDS);
            assertEquals(3, watcher.exitStatus().get(30, TimeUnit.SECONDS));
            assertEquals("out\n", out.toString(StandardCharsets.UTF_8));
            assertTrue(err.toString(StandardCharsets.UTF_8).equals("err\n"), err::toString);
        }
    }
}
