package org.flapp.rpc.internal.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NegotiationRulesTest {
    private static final String MY_INC = "8836f7db549af2ba";

    private static HeaderBlock block(String... kv) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put(kv[i], kv[i + 1]);
        }
        return HeaderBlock.of(map);
    }

    private static String toldMessage(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(NegotiationFailure.class, e).messageForPeer();
    }

    @Test
    void decisionMatchesCapture() {
        assertEquals("banana-decision-version: 3\r\n"
                + "current-connection: 8836f7db549af2ba 1\r\n"
                + "initial-vocab-table-index: 1 bb33\r\n\r\n",
                new String(NegotiationRules.decision(3, MY_INC + " 1", 1).encode(), StandardCharsets.US_ASCII));
        assertTrue(new String(NegotiationRules.decision(3, MY_INC + " 14", 0).encode(), StandardCharsets.US_ASCII)
                .contains("initial-vocab-table-index: 0 da39\r\n"));
    }

    @Test
    void versionSelectionUsesFoolscapTexts() throws Exception {
        assertEquals(3, NegotiationRules.chooseVersion(block("banana-negotiation-range", "3 3")));
        assertEquals(3, NegotiationRules.chooseVersion(block("banana-negotiation-range", "1 7")));
        assertEquals("I can't handle banana version 2",
                toldMessage(() -> NegotiationRules.chooseVersion(block("banana-negotiation-range", "1 2"))));
        assertEquals("You can't handle banana version 3",
                toldMessage(() -> NegotiationRules.chooseVersion(block("banana-negotiation-range", "4 5"))));
        assertEquals("No valid banana-negotiation sequence seen",
                toldMessage(() -> NegotiationRules.chooseVersion(block("my-tub-id", "x"))));
        assertEquals(NegotiationFailure.INTERNAL_ERROR_TEXT,
                toldMessage(() -> NegotiationRules.chooseVersion(block("banana-negotiation-range", "three"))));
    }

    @Test
    void vocabTableIsHighestCommonIndex() throws Exception {
        assertEquals(1, NegotiationRules.chooseVocabTable(block("initial-vocab-table-range", "0 1")));
        assertEquals(0, NegotiationRules.chooseVocabTable(block("initial-vocab-table-range", "0 0")));
        assertEquals(0, NegotiationRules.chooseVocabTable(block()));
        assertEquals(1, NegotiationRules.chooseVocabTable(block("initial-vocab-table-range", "0 9")));
        assertEquals("You can't handle initial vocab set 1",
                toldMessage(() -> NegotiationRules.chooseVocabTable(block("initial-vocab-table-range", "2 3"))));
    }

    @Test
    void nonMasterChecksDecision() throws Exception {
        assertEquals(1, NegotiationRules.acceptDecision(block("banana-decision-version", "3",
                "initial-vocab-table-index", "1 bb33", "current-connection", MY_INC + " 1")));
        assertEquals(0, NegotiationRules.acceptDecision(block("banana-decision-version", "3")));
        assertEquals("Our hash for vocab-table-index 1 (bb33) does not match your hash (ffff)",
                toldMessage(() -> NegotiationRules.acceptDecision(block("banana-decision-version", "3",
                        "initial-vocab-table-index", "1 ffff"))));
        assertEquals("I can't handle initial vocab table index 2",
                toldMessage(() -> NegotiationRules.acceptDecision(block("banana-decision-version", "3",
                        "initial-vocab-table-index", "2 ffff"))));
        assertEquals(NegotiationFailure.INTERNAL_ERROR_TEXT,
                toldMessage(() -> NegotiationRules.acceptDecision(block("banana-decision-version", "4",
                        "initial-vocab-table-index", "1 bb33"))));
        assertEquals("No banana-decision-version value",
                toldMessage(() -> NegotiationRules.acceptDecision(block("initial-vocab-table-index", "1 bb33"))));
        NegotiationFailure refused = assertThrows(NegotiationFailure.class, () -> NegotiationRules.acceptDecision(
                block("banana-decision-version", "1", "error", "Duplicate connection")));
        assertNull(refused.messageForPeer());
        assertTrue(refused.getMessage().contains("Duplicate connection"));
    }

    @Test
    void duplicateRuleFollowsFoolscap() throws Exception {
        ExistingConnection existing = new ExistingConnection("1102c3df2d915086", MY_INC + " 24");
        // same incarnation, last-connection none: refused
        assertFalse(NegotiationRules.acceptsDuplicate(block("my-incarnation", "1102c3df2d915086",
                "last-connection", "none 0"), existing, MY_INC));
        // same incarnation, knows the current connection: accepted
        assertTrue(NegotiationRules.acceptsDuplicate(block("my-incarnation", "1102c3df2d915086",
                "last-connection", MY_INC + " 24"), existing, MY_INC));
        // same incarnation, older seqnum: refused
        assertFalse(NegotiationRules.acceptsDuplicate(block("my-incarnation", "1102c3df2d915086",
                "last-connection", MY_INC + " 23"), existing, MY_INC));
        // peer restarted: accepted
        assertTrue(NegotiationRules.acceptsDuplicate(block("my-incarnation", "00000000000000aa",
                "last-connection", "none 0"), existing, MY_INC));
        // it remembers a previous life of ours: accepted
        assertTrue(NegotiationRules.acceptsDuplicate(block("my-incarnation", "1102c3df2d915086",
                "last-connection", "ffffffffffffffff 3"), existing, MY_INC));
        // an old peer without these keys: refused
        assertFalse(NegotiationRules.acceptsDuplicate(block("my-incarnation", "1102c3df2d915086"), existing, MY_INC));
        assertFalse(NegotiationRules.acceptsDuplicate(block("last-connection", "none 0"), existing, MY_INC));
    }

    @Test
    void currentConnectionIsNormalised() {
        assertEquals("abc 2", NegotiationRules.currentConnection(block("current-connection", " abc   2")));
        assertNull(NegotiationRules.currentConnection(block("banana-decision-version", "3")));
    }
}
