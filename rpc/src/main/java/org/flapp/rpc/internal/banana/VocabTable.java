package org.flapp.rpc.internal.banana;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One of Foolscap's initial vocabulary tables: byte strings that travel as a small VOCAB index
 * instead of a STRING. Negotiation picks the table (21.7.0 peers always agree on table 1), and
 * from then on every STRING equal to a word is sent as VOCAB, both directions. Immutable.
 */
public final class VocabTable {
    /** Table 1, in index order, as every 21.7.0 peer has it. */
    private static final List<String> TABLE_1_WORDS = List.of(
            "none", "boolean", "reference", "dict", "list", "tuple", "set", "immutable-set",
            "unicode", "set-vocab", "add-vocab", "call", "arguments", "answer", "error",
            "my-reference", "your-reference", "their-reference", "copyable", "instance",
            "module", "class", "method", "function", "attrdict");

    public static final VocabTable TABLE_0 = new VocabTable(0, List.of());
    public static final VocabTable TABLE_1 = new VocabTable(1, TABLE_1_WORDS);

    /** The lowest and highest table index this implementation offers in its hello. */
    public static final int MIN_INDEX = 0;
    public static final int MAX_INDEX = 1;

    private final int index;
    private final List<String> words;
    private final byte[][] wordBytes;
    private final Map<String, Integer> indexOfWord = new HashMap<>();
    private final String hashPrefix;

    private VocabTable(int index, List<String> words) {
        this.index = index;
        this.words = words;
        this.wordBytes = new byte[words.size()][];
        for (int i = 0; i < words.size(); i++) {
            wordBytes[i] = words.get(i).getBytes(StandardCharsets.US_ASCII);
            indexOfWord.put(words.get(i), i);
        }
        this.hashPrefix = sha1Hex(String.join("\0", words)).substring(0, 4);
    }

    /** The table with this index, if we know it. */
    public static Optional<VocabTable> forIndex(int index) {
        return switch (index) {
            case 0 -> Optional.of(TABLE_0);
            case 1 -> Optional.of(TABLE_1);
            default -> Optional.empty();
        };
    }

    public int index() {
        return index;
    }

    public int size() {
        return words.size();
    }

    /** First four hex digits of SHA-1 over the words joined by NUL, as sent in the decision. */
    public String hashPrefix() {
        return hashPrefix;
    }

    /** The word's bytes at {@code vocabIndex}, or null when the index is outside the table. */
    public byte[] bytesAt(long vocabIndex) {
        return vocabIndex >= 0 && vocabIndex < wordBytes.length ? wordBytes[(int) vocabIndex] : null;
    }

    /** The index of the word equal to {@code bytes}, or -1. */
    public int indexOf(byte[] bytes) {
        if (bytes.length < 3 || bytes.length > 15 || wordBytes.length == 0) {
            return -1; // every table-1 word is 3..15 bytes long: skip the map for payload data
        }
        Integer i = indexOfWord.get(new String(bytes, StandardCharsets.ISO_8859_1));
        return i == null || !java.util.Arrays.equals(wordBytes[i], bytes) ? -1 : i;
    }

    /** The index of {@code word}, or -1. */
    public int indexOf(String word) {
        Integer i = indexOfWord.get(word);
        return i == null ? -1 : i;
    }

    private static String sha1Hex(String text) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-1", e);
        }
    }
}
