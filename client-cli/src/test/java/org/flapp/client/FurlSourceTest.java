package org.flapp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FurlSourceTest {
    private static final String FURL = "pb://fwhjwcytzdzbijbpnca627vyrj6tdppr@tcp:127.0.0.1:41010/slgx4yygltbxcm7ev73zzuamkfepamly";

    @TempDir
    Path dir;

    @Test
    void firstPbLineWinsAfterCommentsAndBlankLines() {
        assertEquals(FURL, FurlSource.firstFurlLine(List.of("# comment", "", "   ", "\t" + FURL + "  ", "pb://other@x/y")));
    }

    @Test
    void linesThatOnlyMentionPbAreSkipped() {
        assertNull(FurlSource.firstFurlLine(List.of("# pb://commented@x/y", "furl: pb://a@b/c", "")));
    }

    @Test
    void furlfileIsReadWithCrlfLineEnds() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "# service\r\n\r\n" + FURL + "\r\n");
        assertEquals(FURL, new FurlSource(null, file.toString()).resolve());
    }

    @Test
    void emptyFurlfileIsAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("empty"), "");
        UsageException e = assertThrows(UsageException.class, () -> new FurlSource(null, file.toString()).resolve());
        assertTrue(e.getMessage().contains("holds no FURL"), e.getMessage());
    }

    @Test
    void missingFurlfileIsAnOperationalFailure() {
        ClientFailure e = assertThrows(ClientFailure.class,
                () -> new FurlSource(null, dir.resolve("nope").toString()).resolve());
        assertEquals("cannot read furlfile " + dir.resolve("nope") + ": no such file", e.getMessage());
        assertEquals(ExitStatus.FAILURE, e.exitStatus());
    }

    @Test
    void directoryAsFurlfileIsAnOperationalFailure() {
        ClientFailure e = assertThrows(ClientFailure.class, () -> new FurlSource(null, dir.toString()).resolve());
        assertTrue(e.getMessage().startsWith("cannot read furlfile " + dir + ": "), e.getMessage());
    }

    @Test
    void furlOptionIsStrippedAndBlankIsMissing() throws Exception {
        assertEquals(FURL, new FurlSource("  " + FURL + "\n", null).resolve());
        assertThrows(UsageException.class, () -> new FurlSource("  ", null).resolve());
        assertThrows(UsageException.class, () -> new FurlSource(null, null).resolve());
    }

    @Test
    void tildeIsTheHomeDirectory() {
        assertEquals(Path.of(System.getProperty("user.home"), "x.furl"), FurlSource.expandHome("~/x.furl"));
        assertEquals(Path.of("a/~/b"), FurlSource.expandHome("a/~/b"));
    }

    @Test
    void textWithoutPbIsMalformed() {
        ClientFailure e = assertThrows(ClientFailure.class, () -> FurlSource.parse("http://example.org/"));
        assertEquals("malformed FURL 'http://example.org/': a FURL starts with pb://", e.getMessage());
    }
}
