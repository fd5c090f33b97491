package org.flapp.rpc.furl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every line of vectors/furl.jsonl: what Foolscap 21.7.0 made of each FURL and each hint. */
class FurlVectorTest {
    static Stream<Named<JsonNode>> vectors() {
        return RecordedVectors.read("furl.jsonl").stream()
                .map(v -> Named.of(v.get("description").asText(), v));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void parsesOrRejectsLikeFoolscap(JsonNode vector) {
        String text = vector.get("furl").asText();
        if (!vector.get("valid").asBoolean()) {
            BadFurlException e = assertThrows(BadFurlException.class, () -> Furl.parse(text));
            // Python's message ("BadFURLError: msg" / "ValueError: msg") is kept inside ours,
            // except that ours never shows the object name (swissnum) of the text it quotes
            String python = vector.get("error").asText().replaceFirst("^\\w+: ", "");
            String prefix = "unknown FURL prefix in ";
            String pythonMessage = python.startsWith(prefix) ? prefix + "'" + Furl.redact(text) + "'" : python;
            if (python.startsWith(prefix)) {
                int slash = text.indexOf('/', Math.max(0, text.indexOf('@')));
                String secret = slash < 0 ? "" : text.substring(slash + 1);
                assertTrue(secret.isEmpty() || !e.getMessage().contains(secret),
                        () -> "message '" + e.getMessage() + "' shows the object name");
            }
            assertTrue(e.getMessage().contains(pythonMessage),
                    () -> "message '" + e.getMessage() + "' should contain '" + pythonMessage + "'");
            return;
        }
        Furl furl = Furl.parse(text);
        assertEquals(vector.get("tubid").asText(), furl.tubId());
        assertEquals(strings(vector.get("hints")), furl.hints());
        assertEquals(vector.get("name").asText(), furl.name());

        List<TcpHint> expectedUsable = new ArrayList<>();
        for (JsonNode result : vector.get("hint_results")) {
            String hint = result.get("hint").asText();
            assertEquals(result.get("converted").asText(), TcpHint.convertLegacy(hint), hint);
            if (result.get("result").asText().equals("tcp")) {
                TcpHint expected = new TcpHint(result.get("host").asText(), result.get("port").asInt());
                expectedUsable.add(expected);
                assertEquals(Optional.of(expected), TcpHint.parse(hint));
                assertEquals(Optional.empty(), TcpHint.whyUnusable(hint));
            } else {
                assertEquals(Optional.empty(), TcpHint.parse(hint));
                assertTrue(TcpHint.whyUnusable(hint).isPresent(), hint);
            }
        }
        assertEquals(expectedUsable, furl.tcpHints());
        assertEquals(furl, Furl.parse(furl.toString()), "the canonical text parses back to the same FURL");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
