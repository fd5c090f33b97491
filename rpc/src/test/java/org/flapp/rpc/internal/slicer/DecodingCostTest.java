package org.flapp.rpc.internal.slicer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flapp.rpc.FrozenSet;
import org.flapp.rpc.Tuple;
import org.flapp.rpc.internal.banana.BananaDecoder;
import org.flapp.rpc.internal.banana.Bombs;
import org.flapp.rpc.internal.banana.CodecLimits;
import org.flapp.rpc.internal.banana.VocabTable;
import org.flapp.rpc.internal.banana.Wire;
import org.flapp.rpc.internal.message.CallMessage;
import org.flapp.rpc.internal.message.RejectedCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hashing and comparing decoded values costs their number of distinct nodes, and the work budget
 * turns what costs more into a Violation. Each test would run for hours (or exhaust the heap)
 * with naive hashing; the timeouts are a backstop, the assertions are on the results.
 */
@Timeout(60)
class DecodingCostTest {
    private static List<Object> decode(CodecLimits limits, byte[] bytes) {
        EmbeddedChannel ch = new EmbeddedChannel(new BananaDecoder(limits, VocabTable.TABLE_1, new TestRefs()));
        List<Object> out = Feed.inbound(ch, bytes, 4096);
        assertTrue(ch.isOpen(), "the connection goes on");
        return out;
    }

    @Test
    void aSetHoldingATupleDagOfFortyLevelsIsHashedOncePerNode() {
        byte[] bomb = Bombs.tupleBombCall(1, 1, "m", 40, 1);
        CallMessage call = assertInstanceOf(CallMessage.class, decode(CodecLimits.defaults(), bomb).get(0));
        Set<?> set = (Set<?>) call.args().get(1);
        Tuple top = (Tuple) set.iterator().next();
        assertSame(top.get(0), top.get(1), "the DAG keeps its sharing");
        assertEquals(top.hashCode(), top.hashCode());
    }

    @Test
    void twoSeparatelyBuiltEqualDagsAreOneSetMember() {
        byte[] bomb = Bombs.tupleBombCall(1, 1, "m", 40, 2);
        CallMessage call = assertInstanceOf(CallMessage.class, decode(CodecLimits.defaults(), bomb).get(0));
        List<?> dags = (List<?>) call.args().get(0);
        Set<?> set = (Set<?>) call.args().get(1);
        assertEquals(1, set.size(), "equal in Python: one member");
        Tuple first = (Tuple) dags.get(40);
        Tuple second = (Tuple) dags.get(81);
        assertTrue(first != second && first.equals(second) && first.hashCode() == second.hashCode());
    }

    @Test
    void equalDagsBuiltInJavaCompareInLinearTimeAndADifferenceAtTheBottomIsFound() {
        Tuple a = dag(60, 1L);
        Tuple b = dag(60, 1L);
        Tuple c = dag(60, 2L);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, c);
        List<Object> asList = new ArrayList<>(b);
        assertEquals(a, asList, "a tuple equals a list of equal items, as List says");
        assertEquals(FrozenSet.of(a, 3L), FrozenSet.of(3L, b));
    }

    @Test
    void aSetFloodedWithCollidingHashesIsAViolationOnceOverTheWorkBudget() {
        CodecLimits budget = new CodecLimits(1000, 1 << 20, 100, 1_000_000);
        RejectedCall r = assertInstanceOf(RejectedCall.class,
                decode(budget, Bombs.collidingSetCall(3, 1, "m", 3000)).get(0));
        assertEquals(3, r.reqId());
        assertTrue(r.violation().contains("maxMessageWork 1000000"), r.violation());
        // the same number of members with ordinary hashes is well within that budget
        Wire w = Wire.of().open(0).vocab(11).integer(4).integer(1).str("m").open(1).vocab(12).integer(1)
                .open(2).vocab(6);
        for (int k = 1; k <= 3000; k++) {
            w.integer(k);
        }
        byte[] plain = w.close(2).close(1).close(0).bytes();
        CallMessage call = assertInstanceOf(CallMessage.class, decode(budget, plain).get(0));
        assertEquals(3000, ((Set<?>) call.args().get(0)).size());
    }

    @Test
    void aMessageOverTheWorkBudgetIsRejectedEvenWithoutSets() {
        CodecLimits budget = new CodecLimits(1000, 1 << 20, 100, 1024);
        Wire w = Wire.of().open(0).vocab(11).integer(5).integer(1).str("m").open(1).vocab(12).integer(1)
                .open(2).vocab(4);
        for (int k = 0; k < 2000; k++) {
            w.integer(k);
        }
        byte[] bytes = w.close(2).close(1).close(0).bytes();
        RejectedCall r = assertInstanceOf(RejectedCall.class, decode(budget, bytes).get(0));
        assertTrue(r.violation().contains("maxMessageWork 1024 steps"), r.violation());
    }

    private static Tuple dag(int levels, Object leaf) {
        Tuple t = Tuple.of(leaf);
        for (int i = 0; i < levels; i++) {
            t = Tuple.of(t, t);
        }
        return t;
    }
}
