package org.flapp.rpc.furl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hint handling beyond the shared vectors (expectations checked against Python 21.7.0). */
class TcpHintTest {
    @Test
    void reprintsALegacyPortWithoutLeadingZeros() {
        assertEquals("tcp:h:80", TcpHint.convertLegacy("h:080"));
        assertEquals(Optional.of(new TcpHint("h", 80)), TcpHint.parse("h:080"));
    }

    @Test
    void readsAPluginLookingHintWithOnlyDigitsAsLegacyTcp() {
        assertEquals(Optional.of(new TcpHint("tor", 80)), TcpHint.parse("tor:80"));
    }

    @Test
    void skipsAnUpperCaseTcpTypeBecauseHintTypesAreCaseSensitive() {
        assertEquals(Optional.empty(), TcpHint.parse("TCP:h:1"));
        assertTrue(TcpHint.whyUnusable("TCP:h:1").orElseThrow().contains("'TCP'"));
    }

    @Test
    void acceptsIpv6WithAnEmbeddedIpv4AddressOrAZone() {
        assertEquals(Optional.of(new TcpHint("::ffff:1.2.3.4", 80)), TcpHint.parse("tcp:[::ffff:1.2.3.4]:80"));
        assertEquals(Optional.of(new TcpHint("fe80::1%en0.x", 1)), TcpHint.parse("tcp:[fe80::1%en0.x]:1"));
    }

    @Test
    void readsUnicodeDigitsInThePortAsPythonDoes() {
        assertEquals(Optional.of(new TcpHint("h", 12)), TcpHint.parse("tcp:h:\u0661\u0662"));
    }

    @Test
    void toleratesOneTrailingNewline() {
        assertEquals("tcp:h:1", TcpHint.convertLegacy("h:1\n"));
        assertEquals(Optional.of(new TcpHint("h", 1)), TcpHint.parse("tcp:h:1\n"));
        assertEquals(Optional.empty(), TcpHint.parse("tcp:h:1\n\n"));
    }

    @Test
    void treatsAPortBeyondIntAsUnusable() {
        assertEquals(Optional.empty(), TcpHint.parse("tcp:h:99999999999999"));
        assertTrue(TcpHint.whyUnusable("tcp:h:99999999999999").orElseThrow().contains("too large"));
    }

    @Test
    void printsItselfAsANewStyleHint() {
        assertEquals("tcp:example.org:3116", new TcpHint("example.org", 3116).toHintString());
        assertEquals("tcp:[::1]:3116", new TcpHint("::1", 3116).toHintString());
        assertEquals(Optional.of(new TcpHint("::1", 3116)), TcpHint.parse(new TcpHint("::1", 3116).toHintString()));
    }

    @Test
    void refusesAnEmptyHostOrNegativePort() {
        assertThrows(IllegalArgumentException.class, () -> new TcpHint("", 1));
        assertThrows(IllegalArgumentException.class, () -> new TcpHint("h", -1));
    }
}
