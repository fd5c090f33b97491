package org.flapp.services.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.flapp.rpc.RemoteException;
import org.junit.jupiter.api.Test;

class StdinWriterTest {
    private static final CommandLimits LIMITS = new CommandLimits(1024, 4096, 100, 1000);

    /** A pipe whose reader is blocked until released. */
    static final class GatedStream extends OutputStream {
        final CountDownLatch gate = new CountDownLatch(1);
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        volatile boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            synchronized (received) {
                received.write(b, off, len);
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void answersLateAboveTheSoftLimitAndRefusesAboveTheHardLimit() throws Exception {
        GatedStream pipe = new GatedStream();
        StdinWriter writer = new StdinWriter(pipe, LIMITS);
        Thread thread = new Thread(writer);
        thread.start();

        assertTrue(writer.feed(new byte[50]).isDone(), "below the soft limit: answered at once");
        CompletableFuture<Object> late = writer.feed(new byte[500]);
        assertFalse(late.isDone(), "above the soft limit: answered when drained");
        RemoteException e = assertThrows(RemoteException.class, () -> writer.feed(new byte[600]));
        assertEquals("builtins.BufferError", e.type());

        pipe.gate.countDown();
        late.get(5, TimeUnit.SECONDS);
        thread.join(5000);
        assertFalse(thread.isAlive(), "the refusal closed stdin, the writer finished");
        assertTrue(pipe.closed);
        assertEquals(550, pipe.received.size(), "the data accepted before the refusal was written");
    }

    @Test
    void writesEverythingInOrderThenCloses() throws Exception {
        GatedStream pipe = new GatedStream();
        pipe.gate.countDown();
        StdinWriter writer = new StdinWriter(pipe, LIMITS);
        Thread thread = new Thread(writer);
        thread.start();
        byte[] expected = new byte[900];
        for (int i = 0; i < 9; i++) {
            byte[] chunk = new byte[100];
            Arrays.fill(chunk, (byte) i);
            System.arraycopy(chunk, 0, expected, i * 100, 100);
            writer.feed(chunk).get(5, TimeUnit.SECONDS);
        }
        writer.close();
        assertTrue(writer.feed(new byte[10]).isDone(), "data after close is dropped");
        thread.join(5000);
        assertArrayEquals(expected, pipe.received.toByteArray());
        assertTrue(pipe.closed);
    }
}
