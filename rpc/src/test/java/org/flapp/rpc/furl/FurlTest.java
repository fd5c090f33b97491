package org.flapp.rpc.furl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Quirks and API of {@link Furl} beyond the shared vectors (expectations checked against Python 21.7.0). */
class FurlTest {
    private static final String TUBID = "5ux2lanjdhpubzv7zvm2ef3infatqb5j";
    private static final String NAME = "bdsaw6wdzllxarjcyllm6f2w47nikger";

    @Test
    void buildsTheCanonicalTextFromParts() {
        Furl furl = Furl.of(TUBID, List.of("tcp:example.org:3116", "10.0.0.1:80"), NAME);
        assertEquals("pb://" + TUBID + "@tcp:example.org:3116,10.0.0.1:80/" + NAME, furl.toString());
        assertEquals("tcp:example.org:3116,10.0.0.1:80", furl.location());
        assertEquals(furl, Furl.parse(furl.toString()));
        assertEquals(furl.hashCode(), Furl.parse(furl.toString()).hashCode());
    }

    @Test
    void comparesTubIdHintsAndName() {
        Furl furl = Furl.of(TUBID, List.of("tcp:h:1"), NAME);
        assertNotEquals(furl, furl.withName("other"));
        assertNotEquals(furl, Furl.of(TUBID, List.of("tcp:h:2"), NAME));
        assertNotEquals(furl, Furl.of(TUBID.toUpperCase(), List.of("tcp:h:1"), NAME));
        assertEquals(Furl.of(TUBID, List.of("tcp:h:1"), "other"), furl.withName("other"));
    }

    @Test
    void dropsTheExtensionTextAfterThirtyTwoTubIdCharacters() {
        Furl furl = Furl.parse("pb://" + TUBID + "zzzz@tcp:h:1/" + NAME);
        assertEquals(TUBID, furl.tubId());
        assertEquals("pb://" + TUBID + "@tcp:h:1/" + NAME, furl.toString());
    }

    @Test
    void keepsACarriageReturnInTheNameButToleratesOnlyOneTrailingNewline() {
        assertEquals("x\r", Furl.parse("pb://aaaa@h:1/x\r\n").name());
        assertThrows(BadFurlException.class, () -> Furl.parse("pb://aaaa@h:1/x\n\n"));
    }

    @Test
    void acceptsTheKelvinSignBecausePythonLowerCasesItToK() {
        assertEquals("\u212a", Furl.parse("pb://\u212a@h:1/x").tubId());
    }

    @Test
    void treatsASlashBeforeTheAtSignAsPartOfTheTubId() {
        BadFurlException e = assertThrows(BadFurlException.class, () -> Furl.parse("pb://a/b@c/d"));
        assertTrue(e.getMessage().startsWith("'a/b' is not a valid tubid"), e.getMessage());
        assertTrue(e.getMessage().contains("not '/'"), e.getMessage());
    }

    @Test
    void explainsWhichPartOfAFurlIsMissing() {
        assertMessageContains("http://example.org/", "has no 'pb://'");
        assertMessageContains("pb://" + TUBID + "/x", "no '@' after the TubID");
        assertMessageContains("pb://@h:1/x", "TubID between 'pb://' and '@' is empty");
        assertMessageContains("pb://" + TUBID + "@h:1", "no '/NAME' after the connection hints");
        assertMessageContains("pb://" + TUBID + "@h:1/", "object name");
    }

    @Test
    void escapesLineBreaksAndCutsLongInputInMessages() {
        String junk = "pbx://" + "x\n".repeat(500) + "@h:1/secret";
        BadFurlException e = assertThrows(BadFurlException.class, () -> Furl.parse(junk));
        assertTrue(e.getMessage().contains("x\\nx\\n"), e.getMessage());
        assertTrue(e.getMessage().length() < 600, "message length " + e.getMessage().length());
    }

    @Test
    void neverShowsTheObjectNameOfABadFurlInItsMessage() {
        String swissnum = "bdsaw6wdzllxarjcyllm6f2w47nikger";
        for (String bad : List.of("pbu://" + TUBID + "@tcp:h:1/" + swissnum, "pb://@tcp:h:1/" + swissnum,
                "pb://" + TUBID + "/" + swissnum, "pb://" + TUBID + "@h:1/" + swissnum + "\n\n",
                "pb://" + TUBID + "@h:1/" + swissnum + "\nmore")) {
            BadFurlException e = assertThrows(BadFurlException.class, () -> Furl.parse(bad));
            assertFalse(e.getMessage().contains(swissnum), e.getMessage());
        }
        assertEquals("pbu://" + TUBID + "@tcp:h:1/...", Furl.redact("pbu://" + TUBID + "@tcp:h:1/" + swissnum));
    }

    @Test
    void refusesPartsThatWouldNotParseBack() {
        assertThrows(BadFurlException.class, () -> Furl.of("", List.of(), NAME));
        assertThrows(BadFurlException.class, () -> Furl.of(TUBID + "a", List.of(), NAME));
        assertThrows(BadFurlException.class, () -> Furl.of("1abc", List.of(), NAME));
        assertThrows(BadFurlException.class, () -> Furl.of(TUBID, List.of(""), NAME));
        assertThrows(BadFurlException.class, () -> Furl.of(TUBID, List.of("a,b"), NAME));
        assertThrows(BadFurlException.class, () -> Furl.of(TUBID, List.of("a/b"), NAME));
        assertThrows(BadFurlException.class, () -> Furl.of(TUBID, List.of(), ""));
        assertThrows(BadFurlException.class, () -> Furl.of(TUBID, List.of(), "a\nb"));
    }

    @Test
    void allowsAFurlWithoutHints() {
        Furl furl = Furl.of(TUBID, List.of(), NAME);
        assertEquals("pb://" + TUBID + "@/" + NAME, furl.toString());
        assertEquals(List.of(), Furl.parse(furl.toString()).tcpHints());
    }

    private static void assertMessageContains(String furl, String expected) {
        BadFurlException e = assertThrows(BadFurlException.class, () -> Furl.parse(furl));
        assertTrue(e.getMessage().contains(expected), () -> e.getMessage() + " should contain " + expected);
    }
}
