package org.flapp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Logger names as logback's %logger{30} printed them. */
class LoggerNamesTest {
    @Test
    void aNameShorterThanTheLengthStaysWhole() {
        assertEquals("org.flapp.rpc.Tub", LoggerNames.abbreviate("org.flapp.rpc.Tub", 30));
        assertEquals("NoPackage", LoggerNames.abbreviate("NoPackage", 3));
    }

    @Test
    void segmentsShortenFromTheLeftUntilTheExcessIsGone() {
        // 31 characters: one to lose, and the first segment loses two
        assertEquals("i.netty.handler.ssl.SslHandler", LoggerNames.abbreviate("io.netty.handler.ssl.SslHandler", 30));
        assertEquals("o.f.rpc.internal.call.Outbox", LoggerNames.abbreviate("org.flapp.rpc.internal.call.Outbox", 30));
    }

    @Test
    void aNameOfExactlyTheLengthLosesItsFirstSegment() {
        assertEquals("o.flapp.rpc.internal.Abcdefg", LoggerNames.abbreviate("org.flapp.rpc.internal.Abcdefg", 30));
    }

    @Test
    void theClassNameIsNeverShortenedSoTheResultMayStayLonger() {
        assertEquals("o.f.r.i.n.TlsNegotiationHandler",
                LoggerNames.abbreviate("org.flapp.rpc.internal.negotiation.TlsNegotiationHandler", 30));
        assertEquals("a..VeryLongClassName", LoggerNames.abbreviate("a..VeryLongClassName", 5));
    }

    @Test
    void agreesWithLogbacksAbbreviator() {
        List<String> names = List.of("org.flapp.rpc.internal.negotiation.TlsNegotiationHandler",
                "io.netty.util.internal.logging.InternalLoggerFactory", "io.netty.channel.epoll.Epoll",
                "io.netty.handler.ssl.OpenSsl", "a.b", "x", "org.flapp.rpc.internal.Abcdefg",
                "org.flapp.rpc.internal.Abcdefgh", "org.flapp.rpc.internal.Abcdef", "a..b.c.D", ".Leading",
                "Trailing.", "io.netty.util.internal.shaded.org.jctools.queues.MpscArrayQueue");
        for (int length : new int[] {1, 5, 10, 24, 30, 40}) {
            TargetLengthBasedClassNameAbbreviator logback = new TargetLengthBasedClassNameAbbreviator(length);
            for (String name : names) {
                assertEquals(logback.abbreviate(name), LoggerNames.abbreviate(name, length), name + " at " + length);
            }
        }
    }
}
