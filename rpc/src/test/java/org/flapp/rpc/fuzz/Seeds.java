package org.flapp.rpc.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The seed corpus, derived at test time from the recorded bytes in the test resources: the
 * client-to-server and server-to-client streams of every transcript
 * ({@code transcripts/*.streams.json}, recorded in plaintext by the peer that captured them) and
 * the hex of every Banana and PB vector ({@code vectors/banana.jsonl}, {@code vectors/pb.jsonl}).
 */
final class Seeds {
    /** Every transcript of the shared protocol notes, as copied into the test resources. */
    static final List<String> TRANSCRIPTS = List.of("a-upload-file", "a2-upload-file-client-master",
            "b-run-command", "c-run-command-stdin", "d-remote-exception", "d2-remote-exceptions-driver",
            "e-wrong-swissnum", "f-wrong-tubid", "f2-wrong-tubid-raw", "x-banana-misbehaviour",
            "x-client-certificates", "x-connection-drop", "x-duplicate-connections", "x-ec-server-certificate",
            "x-miniclient", "x-negotiation-probes", "x-negotiation-timeout", "x-refs-decref-keepalive",
            "x-server-killed", "x-signal");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    /** One recorded connection: who was who, and what each side sent (plaintext). */
    record Connection(String name, String clientTubId, String serverTubId, byte[] clientToServer,
                      byte[] serverToClient) {
        /** Foolscap's master is the side with the larger TubID; it sends the decision block. */
        boolean clientIsMaster() {
            return clientTubId.compareTo(serverTubId) > 0;
        }

        /** The Banana part of what {@code fromClient ? client : server} sent, or an empty array. */
        byte[] banana(boolean fromClient) {
            byte[] stream = fromClient ? clientToServer : serverToClient;
            // the client sends its request, hello (and decision as master); the server its 101 and hello (and decision)
            boolean sendsDecision = fromClient == clientIsMaster();
            return afterBlocks(stream, sendsDecision ? 3 : 2);
        }
    }

    private Seeds() {}

    static List<Connection> connections() {
        List<Connection> out = new ArrayList<>();
        for (String name : TRANSCRIPTS) {
            JsonNode file = parse(read("/transcripts/" + name + ".streams.json"));
            for (JsonNode c : file.get("connections")) {
                out.add(new Connection(name + "/" + c.get("conn").asText(), c.get("client_tubid").asText(),
                        c.get("server_tubid").asText(), HEX.parseHex(c.get("c2s_hex").asText()),
                        HEX.parseHex(c.get("s2c_hex").asText())));
            }
        }
        return out;
    }

    /** A Banana vector: its bytes and the vocabulary table they were encoded with. */
    record Vector(String id, byte[] bytes, int vocabTable, boolean message) {}

    /** Every Banana value vector (in both encodings given) and every PB message vector. */
    static List<Vector> vectors() {
        List<Vector> out = new ArrayList<>();
        for (JsonNode v : lines("/vectors/banana.jsonl")) {
            if (v.hasNonNull("hex")) {
                int table = v.hasNonNull("vocab_table_for_hex") ? v.get("vocab_table_for_hex").asInt() : 1;
                out.add(new Vector(v.get("id").asText(), HEX.parseHex(v.get("hex").asText()), table, false));
            }
            if (v.hasNonNull("hex_vocab0")) {
                out.add(new Vector(v.get("id").asText() + "/vocab0", HEX.parseHex(v.get("hex_vocab0").asText()), 0, false));
            }
        }
        for (JsonNode v : lines("/vectors/pb.jsonl")) {
            if (v.hasNonNull("hex")) {
                out.add(new Vector(v.get("id").asText(), HEX.parseHex(v.get("hex").asText()), 1, true));
            }
        }
        return out;
    }

    /** {@code control} followed by {@code body}: the input format of every target. */
    static byte[] withControl(int control, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) control;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /** The bytes after the {@code blocks}-th CRLFCRLF, or an empty array. */
    static byte[] afterBlocks(byte[] stream, int blocks) {
        int at = 0;
        for (int i = 0; i < blocks; i++) {
            int end = indexOfBlankLine(stream, at);
            if (end < 0) {
                return new byte[0];
            }
            at = end + 4;
        }
        return Arrays.copyOfRange(stream, at, stream.length);
    }

    /** Where the first CRLFCRLF at or after {@code from} starts, or -1. */
    static int indexOfBlankLine(byte[] b, int from) {
        for (int i = from; i + 3 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static List<JsonNode> lines(String resource) {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(resource), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    out.add(parse(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
        return out;
    }

    private static String read(String resource) {
        try (InputStream in = open(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = Seeds.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        return in;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("bad JSON in the test resources", e);
        }
    }
}
