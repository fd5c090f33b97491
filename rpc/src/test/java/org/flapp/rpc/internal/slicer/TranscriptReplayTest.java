package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.BananaDecoder;
import org.flapp.rpc.internal.banana.CodecLimits;
import org.flapp.rpc.internal.banana.MessageEncoder;
import org.flapp.rpc.internal.message.PbMessage;
import org.flapp.rpc.internal.message.RejectedCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flapp.rpc.internal.banana.VocabTable;
import org.flapp.rpc.Recorded;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the Banana part of every direction of the captured sessions of normal use (upload,
 * run-command, remote exceptions) through the decoder: every byte a real Python peer sent must
 * decode without a protocol error, and re-encoding the calls and answers must give the bytes back.
 */
class TranscriptReplayTest {
    static Stream<Arguments> directions() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String name : List.of("a-upload-file", "a2-upload-file-client-master", "b-run-command",
                "c-run-command-stdin", "d-remote-exception", "d2-remote-exceptions-driver")) {
            Map<String, Object> json = MiniJson.object(Recorded.transcript(name));
            for (Object c : (List<?>) json.get("connections")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> conn = (Map<String, Object>) c;
                boolean clientIsMaster = ((String) conn.get("client_tubid")).compareTo((String) conn.get("server_tubid")) > 0;
                out.add(Arguments.of(name + " " + conn.get("conn") + " c2s", conn.get("c2s_hex"), clientIsMaster ? 3 : 2));
                out.add(Arguments.of(name + " " + conn.get("conn") + " s2c", conn.get("s2c_hex"), clientIsMaster ? 2 : 3));
            }
        }
        return out.stream();
    }

    /** The bytes after the {@code blocks}-th CRLFCRLF (HTTP header, hello, decision), or null. */
    static byte[] bananaPart(byte[] stream, int blocks) {
        String latin = new String(stream, StandardCharsets.ISO_8859_1);
        int at = 0;
        for (int i = 0; i < blocks; i++) {
            int end = latin.indexOf("\r\n\r\n", at);
            if (end < 0) {
                return null;
            }
            at = end + 4;
        }
        return java.util.Arrays.copyOfRange(stream, at, stream.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directions")
    void decodesEveryCapturedMessageAndReencodesIt(String name, String hex, int blocks) {
        byte[] banana = bananaPart(HexFormat.of().parseHex(hex), blocks);
        assertTrue(banana != null && banana.length > 0, name + ": every captured session reached the Banana phase");
        TestRefs refs = new TestRefs();
        EmbeddedChannel channel = new EmbeddedChannel(new BananaDecoder(CodecLimits.defaults(), VocabTable.TABLE_1, refs));
        List<Object> messages = Feed.inbound(channel, banana, 1371);
        assertTrue(channel.isOpen(), name + ": no protocol error");
        assertEquals(0, Feed.outbound(channel).length, name + ": nothing written back");
        assertFalse(messages.isEmpty(), name + ": messages decoded");
        for (Object m : messages) {
            assertFalse(m instanceof RejectedCall, name + ": " + m);
        }
        MessageEncoder encoder = new MessageEncoder(VocabTable.TABLE_1, refs);
        StringBuilder again = new StringBuilder();
        for (Object m : messages) {
            var buf = PbVectorsTest.encode(encoder, (PbMessage) m);
            again.append(io.netty.buffer.ByteBufUtil.hexDump(buf));
            buf.release();
        }
        assertEquals(HexFormat.of().formatHex(banana), again.toString(), name + ": re-encoded byte-exactly");
    }
}
