package org.flapp.rpc.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.flapp.rpc.DeadReferenceException;
import org.flapp.rpc.RpcException;
import org.junit.jupiter.api.Test;

/**
 * What waits in the {@link Outbox} while the peer does not read: our own calls are held up to
 * {@link Outbox#MAX_WAITING_CALLS}, and the next one fails at once instead of being queued;
 * answers to the peer's calls are not counted (the peer's pending-call limit bounds them).
 */
class OutboxTest {
    /** A channel that is not writable: more than its high-water mark waits unflushed. */
    private static EmbeddedChannel peerNotReading() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        channel.write(Unpooled.wrappedBuffer(new byte[64]));
        assertFalse(channel.isWritable());
        return channel;
    }

    @Test
    void ourCallsBeyondTheBoundFailAtOnceWhileThePeerDoesNotRead() {
        EmbeddedChannel channel = peerNotReading();
        // nothing is encoded while it waits: no encoder needed
        Outbox outbox = new Outbox(channel, null, "peer");
        List<CompletableFuture<Void>> held = new ArrayList<>();
        for (int i = 0; i < Outbox.MAX_WAITING_CALLS; i++) {
            CompletableFuture<Void> written = new CompletableFuture<>();
            outbox.call(i + 1, 1, "m", List.of(), Map.of(), written);
            held.add(written);
        }
        assertEquals(Outbox.MAX_WAITING_CALLS, outbox.waiting());
        assertTrue(held.stream().noneMatch(CompletableFuture::isDone), "held, in order, until the peer reads");

        CompletableFuture<Void> refused = new CompletableFuture<>();
        outbox.call(0, 1, "m", List.of(), Map.of(), refused);
        assertTrue(refused.isCompletedExceptionally());
        RpcException why = assertInstanceOf(RpcException.class, refused.handle((ok, e) -> e).join());
        assertTrue(why.getMessage().contains(Outbox.MAX_WAITING_CALLS + " calls already wait"), why.getMessage());
        assertEquals(Outbox.MAX_WAITING_CALLS, outbox.waiting(), "the refused call is not queued");

        // answers to the peer's calls still wait (their count is bounded by the peer's pending calls)
        CompletableFuture<Void> answer = new CompletableFuture<>();
        outbox.answer(7, "x", answer);
        assertEquals(Outbox.MAX_WAITING_CALLS + 1, outbox.waiting());
        assertFalse(answer.isDone());

        outbox.close();
        assertTrue(held.get(0).isCompletedExceptionally());
        assertInstanceOf(DeadReferenceException.class, held.get(0).handle((ok, e) -> e).join());
        assertEquals(0, outbox.waiting());
        channel.finishAndReleaseAll();
    }
}
