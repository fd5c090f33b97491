package org.flapp.rpc.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flapp.rpc.RemoteMethods;
import org.flapp.rpc.TubOptions;
import org.junit.jupiter.api.Test;

/** Their-references (gifts) on a Broker in an EmbeddedChannel: off by default, capped and in order when on. */
class BrokerGiftsTest {
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final RemoteMethods methods = RemoteMethods.builder()
            .method("first", args -> ran.add("first"))
            .method("second", args -> ran.add("second"))
            .build();

    private static final String FURL = "pb://cccccccccccccccccccccccccccccccc@tcp:127.0.0.1:1/x";

    @Test
    void aTheirReferenceIsAViolationAndNothingIsDialledWithGiftsOff() {
        BrokerFixture f = new BrokerFixture(TubOptions.defaults());
        long clid = f.publish("s", () -> methods);
        f.call(2, clid, "first", f.gift(FURL));
        List<BrokerFixture.Answer> answers = f.answers();
        assertEquals(1, answers.size());
        assertTrue(answers.get(0).error());
        assertTrue(answers.get(0).text().contains("foolscap.tokens.Violation"), answers.get(0).text());
        assertTrue(answers.get(0).text().contains("gifts"), answers.get(0).text());
        assertEquals(List.of(), f.dialled, "no connection attempted");
        assertEquals(List.of(), ran);
        f.call(3, clid, "second");
        assertEquals(List.of("second"), ran, "the connection goes on");
    }

    @Test
    void callsRunInArrivalOrderWhenAnEarlierOneWaitsForAGift() {
        BrokerFixture f = new BrokerFixture(TubOptions.builder().acceptGifts(true).build());
        long clid = f.publish("s", () -> methods);
        f.call(2, clid, "first", f.gift(FURL));
        f.call(3, clid, "second");
        assertEquals(1, f.dialled.size());
        assertEquals(List.of(), ran, "second waits behind first, which waits for its gift");
        f.dialled.get(0).getValue().complete(null);
        f.channel.runPendingTasks();
        assertEquals(List.of("first", "second"), ran);
        assertEquals(List.of(2L, 3L), f.answers().stream().map(BrokerFixture.Answer::reqId).toList());
    }

    @Test
    void callsWaitingForGiftsCountAsPendingCalls() {
        BrokerFixture f = new BrokerFixture(TubOptions.builder().acceptGifts(true).maxPendingInboundCalls(2).build());
        long clid = f.publish("s", () -> methods);
        f.call(2, clid, "first", f.gift(FURL));
        assertTrue(f.channel.config().isAutoRead());
        f.call(3, clid, "second");
        assertTrue(!f.channel.config().isAutoRead(), "two calls wait: reading stops");
        f.dialled.get(0).getValue().complete(null);
        f.channel.runPendingTasks();
        assertTrue(f.channel.config().isAutoRead());
    }

    @Test
    void giftLookupsUnderWayAreCappedPerConnection() {
        BrokerFixture f = new BrokerFixture(TubOptions.builder().acceptGifts(true).maxGiftLookups(2).build());
        long clid = f.publish("s", () -> methods);
        f.call(2, clid, "first", f.gift(FURL), f.gift(FURL), f.gift(FURL));
        assertEquals(2, f.dialled.size(), "the third gift is refused before it is dialled");
        List<BrokerFixture.Answer> answers = f.answers();
        assertEquals(1, answers.size());
        assertTrue(answers.get(0).error() && answers.get(0).text().contains("maxGiftLookups 2"), answers.toString());
        assertEquals(List.of(), ran);
        f.call(3, clid, "first", f.gift(FURL));
        assertEquals(2, f.dialled.size(), "both lookups are still under way");
        f.dialled.forEach(d -> d.getValue().complete(null));
        f.call(4, clid, "first", f.gift(FURL));
        assertEquals(3, f.dialled.size(), "lookups that finished no longer count");
    }

    @Test
    void aFailedGiftFailsItsCallAndTheNextStillRuns() {
        BrokerFixture f = new BrokerFixture(TubOptions.builder().acceptGifts(true).build());
        long clid = f.publish("s", () -> methods);
        f.call(2, clid, "first", f.gift(FURL));
        f.call(3, clid, "second");
        f.dialled.get(0).getValue().completeExceptionally(new org.flapp.rpc.NegotiationException(org.flapp.rpc.NegotiationException.Reason.REFUSED_BY_PEER, "refused"));
        f.channel.runPendingTasks();
        assertEquals(List.of("second"), ran);
        List<BrokerFixture.Answer> answers = f.answers();
        assertEquals(List.of(2L, 3L), answers.stream().map(BrokerFixture.Answer::reqId).toList());
        assertTrue(answers.get(0).error());
    }
}
