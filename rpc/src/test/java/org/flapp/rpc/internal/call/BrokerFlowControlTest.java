package org.flapp.rpc.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.flapp.rpc.RemoteMethods;
import org.flapp.rpc.TubOptions;
import org.junit.jupiter.api.Test;

/** Write back-pressure and the count of unfinished calls, on a Broker in an EmbeddedChannel. */
class BrokerFlowControlTest {
    private static final RemoteMethods ECHO = RemoteMethods.builder().method("echo", args -> args.get(0)).build();

    private static List<Long> reqIds(List<BrokerFixture.Answer> answers) {
        return answers.stream().map(BrokerFixture.Answer::reqId).toList();
    }

    /** Marks the channel as if the peer had stopped reading (above the high-water mark), or not. */
    private static void peerReading(BrokerFixture f, boolean reading) {
        f.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, reading);
        f.channel.runPendingTasks();
    }

    @Test
    void holdsAnswersAndStopsReadingWhileThePeerDoesNotRead() {
        BrokerFixture f = new BrokerFixture(TubOptions.defaults());
        long clid = f.publish("echo", () -> ECHO);
        peerReading(f, false);
        assertFalse(f.channel.config().isAutoRead(), "reading stops while the peer does not read");
        f.call(2, clid, "echo", w -> w.integer(20));
        f.call(3, clid, "echo", w -> w.integer(30));
        f.call(4, clid, "nosuchmethod");
        assertEquals(List.of(), f.answers(), "nothing more is written while the channel is not writable");
        peerReading(f, true);
        assertTrue(f.channel.config().isAutoRead());
        List<BrokerFixture.Answer> answers = f.answers();
        assertEquals(List.of(2L, 3L, 4L), reqIds(answers), "the held answers go out in order");
        assertEquals(20, answers.get(0).firstInt());
        assertTrue(answers.get(2).error());
    }

    /** Keeps every write (and its promise) instead of passing it on: a socket that takes nothing. */
    private static final class HeldWrites extends ChannelOutboundHandlerAdapter {
        final List<Runnable> release = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            release.add(() -> ctx.writeAndFlush(msg, promise));
        }
    }

    @Test
    void aCallStaysUnfinishedUntilItsAnswerIsWritten() {
        int limit = 3;
        BrokerFixture f = new BrokerFixture(TubOptions.builder().maxPendingInboundCalls(limit).build());
        long clid = f.publish("echo", () -> ECHO);
        HeldWrites held = new HeldWrites();
        f.channel.pipeline().addFirst(held);
        for (int i = 0; i < limit - 1; i++) {
            f.call(10 + i, clid, "echo", w -> w.integer(1));
        }
        assertTrue(f.channel.config().isAutoRead(), (limit - 1) + " answers not yet written");
        f.call(20, clid, "echo", w -> w.integer(1));
        assertFalse(f.channel.config().isAutoRead(),
                "answers queued but not written still count: " + limit + " unfinished calls");
        held.release.remove(0).run();
        assertTrue(f.channel.config().isAutoRead(), "one answer written: reading resumes");
        held.release.forEach(Runnable::run);
        assertEquals(List.of(10L, 11L, 20L), reqIds(f.answers()));
    }

    @Test
    void theHandlersAnswerWrittenFutureWaitsForTheWrite() {
        List<CompletableFuture<Void>> written = new ArrayList<>();
        RemoteMethods methods = RemoteMethods.builder().method("m", args -> {
            written.add(args.answerWritten());
            return null;
        }).build();
        BrokerFixture f = new BrokerFixture(TubOptions.defaults());
        long clid = f.publish("m", () -> methods);
        peerReading(f, false);
        f.call(2, clid, "m");
        assertEquals(1, written.size());
        assertFalse(written.get(0).isDone(), "the answer waits for the peer to read");
        peerReading(f, true);
        assertTrue(written.get(0).isDone());
        assertEquals(List.of(2L), reqIds(f.answers()));
    }

    @Test
    void ourCallsWaitToo() {
        BrokerFixture f = new BrokerFixture(TubOptions.defaults());
        peerReading(f, false);
        CompletableFuture<Void> sent = f.broker.sendCallOnly(5, "note", List.of(1L), java.util.Map.of());
        f.channel.runPendingTasks();
        assertFalse(sent.isDone());
        assertNull(f.channel.readOutbound());
        peerReading(f, true);
        assertNotNull(f.channel.readOutbound(), "the call went out once the peer read again");
    }
}
