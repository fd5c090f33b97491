package org.flapp.rpc.furl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every line of vectors/base32.jsonl: encodings and validity checks made by Foolscap 21.7.0. */
class Base32VectorTest {
    static Stream<Named<JsonNode>> vectors() {
        return RecordedVectors.read("base32.jsonl").stream()
                .map(v -> Named.of(v.get("kind").asText() + " " + v, v));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void agreesWithFoolscap(JsonNode vector) {
        String kind = vector.get("kind").asText();
        if (kind.equals("encode")) {
            byte[] bytes = HexFormat.of().parseHex(vector.get("bytes_hex").asText());
            assertEquals(vector.get("base32").asText(), Base32.encode(bytes));
        } else if (kind.equals("is_base32")) {
            assertEquals(vector.get("result").asBoolean(), Base32.isBase32(vector.get("text").asText()));
        } else if (kind.startsWith("decode")) {
            byte[] bytes = HexFormat.of().parseHex(vector.get("bytes_hex").asText());
            assertArrayEquals(bytes, Base32.decode(vector.get("base32").asText()));
        } else {
            throw new AssertionError("unknown vector kind " + kind);
        }
    }
}
