package org.flapp.rpc.internal.negotiation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.flapp.rpc.internal.banana.VocabTable;

/**
 * The decisions of the TLS phase as pure functions over hello and decision blocks
 * (docs/protocol.md, "Hello and decision" and "Duplicate connections"): hello contents, version and vocabulary selection, the
 * duplicate-connection rule, and the non-master's checks of a decision. Error texts match
 * Foolscap's, because peers show them to users. Stateless.
 */
final class NegotiationRules {
    /** Banana negotiation versions we speak: 21.7.0 only speaks 3 (reqID 0 = no answer, PING/PONG). */
    static final int MIN_VERSION = 3;
    static final int MAX_VERSION = 3;

    static final String NEGOTIATION_RANGE = "banana-negotiation-range";
    static final String VOCAB_RANGE = "initial-vocab-table-range";
    static final String LAST_CONNECTION = "last-connection";
    static final String MY_INCARNATION = "my-incarnation";
    static final String MY_TUB_ID = "my-tub-id";
    static final String DECISION_VERSION = "banana-decision-version";
    static final String CURRENT_CONNECTION = "current-connection";
    static final String VOCAB_INDEX = "initial-vocab-table-index";
    static final String ERROR = "error";

    private NegotiationRules() {}

    /** Our hello; {@code lastConnection} is null on the accepting side, which sends none. */
    static HeaderBlock hello(String tubId, String incarnation, String lastConnection) {
        Map<String, String> hello = new LinkedHashMap<>();
        hello.put(NEGOTIATION_RANGE, MIN_VERSION + " " + MAX_VERSION);
        hello.put(VOCAB_RANGE, VocabTable.MIN_INDEX + " " + VocabTable.MAX_INDEX);
        hello.put(MY_TUB_ID, tubId);
        hello.put(MY_INCARNATION, incarnation);
        if (lastConnection != null) {
            hello.put(LAST_CONNECTION, lastConnection);
        }
        return HeaderBlock.of(hello);
    }

    /** The banana version both sides can use, from the peer's hello. */
    static int chooseVersion(HeaderBlock peerHello) throws NegotiationFailure {
        String range = peerHello.get(NEGOTIATION_RANGE);
        if (range == null) {
            if (peerHello.has("banana-negotiation-version")) {
                throw NegotiationFailure.told("Peer is speaking foolscap-0.0.5 or earlier, which is not "
                        + "compatible with this version. Please upgrade the peer.");
            }
            throw NegotiationFailure.told("No valid banana-negotiation sequence seen");
        }
        int[] theirs = parseRange(range, NEGOTIATION_RANGE);
        return bestOverlap(MIN_VERSION, MAX_VERSION, theirs[0], theirs[1], "banana version");
    }

    /** The vocabulary table index the master picks: the highest in both ranges. */
    static int chooseVocabTable(HeaderBlock peerHello) throws NegotiationFailure {
        String range = peerHello.get(VOCAB_RANGE);
        int[] theirs = parseRange(range == null ? "0 0" : range, VOCAB_RANGE);
        return bestOverlap(VocabTable.MIN_INDEX, VocabTable.MAX_INDEX, theirs[0], theirs[1], "initial vocab set");
    }

    /** The decision block a master sends. */
    static HeaderBlock decision(int version, String currentConnection, int vocabIndex) {
        VocabTable table = VocabTable.forIndex(vocabIndex).orElseThrow();
        Map<String, String> decision = new LinkedHashMap<>();
        decision.put(DECISION_VERSION, Integer.toString(version));
        decision.put(CURRENT_CONNECTION, currentConnection);
        decision.put(VOCAB_INDEX, vocabIndex + " " + table.hashPrefix());
        return HeaderBlock.of(decision);
    }

    /** Highest integer in both inclusive ranges, with Foolscap's two error texts. */
    static int bestOverlap(int myMin, int myMax, int yourMin, int yourMax, String name) throws NegotiationFailure {
        int best = Math.min(myMax, yourMax);
        if (best < myMin) {
            throw NegotiationFailure.told("I can't handle " + name + " " + best);
        }
        if (best < yourMin) {
            throw NegotiationFailure.told("You can't handle " + name + " " + best);
        }
        return best;
    }

    /**
     * Master side, when a live connection to the same peer exists: true to accept the new offer
     * (and drop the old connection), false to refuse it as a duplicate (docs/protocol.md, "Duplicate connections").
     */
    static boolean acceptsDuplicate(HeaderBlock offer, ExistingConnection existing, String myIncarnation)
            throws NegotiationFailure {
        String incarnation = offer.get(MY_INCARNATION);
        String lastConnection = offer.get(LAST_CONNECTION);
        if (incarnation == null || incarnation.isEmpty() || lastConnection == null) {
            return false; // an old peer: refusing avoids connection flapping
        }
        if (!incarnation.equals(existing.peerIncarnation())) {
            return true; // the peer restarted: our connection is stale
        }
        String[] pieces = splitWhitespace(lastConnection);
        if (pieces.length < 2) {
            throw NegotiationFailure.internal("malformed last-connection: " + HeaderBlock.abbreviate(lastConnection));
        }
        long offeredSeqnum = parseLong(pieces[1], LAST_CONNECTION);
        if (pieces[0].equals("none")) {
            return false; // most likely a parallel connection attempt (one per hint)
        }
        if (!pieces[0].equals(myIncarnation)) {
            return true; // it remembers a previous life of ours: our connection is stale
        }
        return offeredSeqnum == existingSeqnum(existing); // it knows our connection and reconnected anyway
    }

    /**
     * Non-master side: checks the decision block and returns the agreed vocabulary table index.
     * A block carrying {@code error} is the master's refusal.
     */
    static int acceptDecision(HeaderBlock decision) throws NegotiationFailure {
        String version = decision.get(DECISION_VERSION);
        if (version == null || version.isEmpty()) {
            throw NegotiationFailure.told("No banana-decision-version value");
        }
        long v = parseLong(version.strip(), DECISION_VERSION);
        if (v < 1 || v > 3) {
            throw NegotiationFailure.internal("unknown banana-decision-version " + v);
        }
        if (decision.has(ERROR)) {
            throw NegotiationFailure.refusedByPeer("Banana negotiation failed: " + decision.get(ERROR));
        }
        String indexValue = decision.get(VOCAB_INDEX);
        int index = 0;
        String theirHash = null;
        if (indexValue != null && !indexValue.isEmpty()) {
            String[] parts = splitWhitespace(indexValue);
            if (parts.length != 2) {
                throw NegotiationFailure.internal("malformed initial-vocab-table-index: " + HeaderBlock.abbreviate(indexValue));
            }
            long parsed = parseLong(parts[0], VOCAB_INDEX);
            if (parsed < VocabTable.MIN_INDEX || parsed > VocabTable.MAX_INDEX) {
                throw NegotiationFailure.told("I can't handle initial vocab table index " + parsed);
            }
            index = (int) parsed;
            theirHash = parts[1];
        }
        String ourHash = VocabTable.forIndex(index).orElseThrow().hashPrefix();
        if (index > 0 && !ourHash.equals(theirHash)) {
            throw NegotiationFailure.told("Our hash for vocab-table-index " + index + " (" + ourHash
                    + ") does not match your hash (" + theirHash + ")");
        }
        return index;
    }

    /** The current-connection value with its whitespace normalised, or null when absent. */
    static String currentConnection(HeaderBlock decision) {
        String value = decision.get(CURRENT_CONNECTION);
        if (value == null || value.isBlank()) {
            return null;
        }
        return String.join(" ", splitWhitespace(value));
    }

    private static long existingSeqnum(ExistingConnection existing) {
        String value = existing.currentConnectionSeqnum();
        if (value == null) {
            return Long.MIN_VALUE;
        }
        String[] pieces = splitWhitespace(value);
        try {
            return Long.parseLong(pieces[pieces.length - 1]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return Long.MIN_VALUE; // an unknown seqnum matches nothing
        }
    }

    static int[] parseRange(String value, String key) throws NegotiationFailure {
        String[] parts = splitWhitespace(value);
        if (parts.length != 2) {
            throw NegotiationFailure.internal("malformed " + key + ": " + HeaderBlock.abbreviate(value));
        }
        long min = parseLong(parts[0], key);
        long max = parseLong(parts[1], key);
        if (min < Integer.MIN_VALUE || max > Integer.MAX_VALUE || min > Integer.MAX_VALUE || max < Integer.MIN_VALUE) {
            throw NegotiationFailure.internal("out-of-range " + key + ": " + HeaderBlock.abbreviate(value));
        }
        return new int[] {(int) min, (int) max};
    }

    private static long parseLong(String text, String key) throws NegotiationFailure {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw NegotiationFailure.internal("malformed number in " + key + ": " + HeaderBlock.abbreviate(text));
        }
    }

    /** Python's str.split(): runs of whitespace separate, no empty pieces. */
    static String[] splitWhitespace(String s) {
        String trimmed = s.strip();
        return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    }
}
