package org.flapp.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StdinPumpTest {
    /**
     * Stdin whose reads are counted: {@link #reads} has a permit for each read after the first,
     * so the fake's handler for chunk k can wait until chunk k + 1 (or the end) has been read.
     */
    private static final class CountingInput extends ByteArrayInputStream {
        final Semaphore reads = new Semaphore(-1);

        CountingInput(byte[] content) {
            super(content);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            reads.release();
            return n;
        }

        @Override
        public synchronized int available() {
            return 0;   // one read per chunk, as from a pipe that has nothing more yet
        }
    }

    @Test
    void aFullChunkIsSentFromItsBufferWhichIsReadIntoAgainOnlyAfterItsMessageWasWritten() throws Exception {
        int chunks = 6;
        byte[] content = new byte[chunks * StdinPump.CHUNK];
        new Random(3).nextBytes(content);
        CountingInput stdin = new CountingInput(content);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        Set<byte[]> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
        List<String> order = new CopyOnWriteArrayList<>();
        FakeService service = new FakeService(Map.of(
                "feed_stdin", args -> {
                    byte[] chunk = (byte[]) args.get(0);
                    try {
                        // the message is "written" once this returns: before that, let the pump
                        // read the next chunk, which must not land in this chunk's array
                        assertTrue(stdin.reads.tryAcquire(1, 5, TimeUnit.SECONDS), "the pump reads on");
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    received.writeBytes(chunk);
                    arrays.add(chunk);
                    return null;
                },
                "close_stdin", args -> {
                    order.add("close");
                    return null;
                }));
        Thread pump = StdinPump.start(stdin, service);
        pump.join(10_000);
        assertTrue(!pump.isAlive(), "the pump ends at end of input");
        service.executor.submit(() -> null).get(5, TimeUnit.SECONDS);   // the fake has taken every call
        assertArrayEquals(content, received.toByteArray(), "each chunk arrived as it was read");
        assertEquals(2, arrays.size(), "full chunks go out from the pump's two buffers");
        assertEquals(List.of("close"), order);
    }
}
