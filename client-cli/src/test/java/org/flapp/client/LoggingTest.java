package org.flapp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine's logging stays silent by default and goes to stderr with --verbose. */
class LoggingTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @AfterEach
    void silenceAgain() {
        ClientLoggerFactory.INSTANCE.showWarnings(null);
    }

    private void enableVerbose() {
        VerboseLogging.enable(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    private String logged() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theClientsOwnProviderIsBoundAndSilentWithoutVerbose() {
        assertInstanceOf(ClientLoggerFactory.class, LoggerFactory.getILoggerFactory(), "ClientLogProvider was selected");
        Logger engine = LoggerFactory.getLogger("org.flapp.rpc.Example");
        assertFalse(engine.isWarnEnabled());
        assertFalse(engine.isErrorEnabled());
        engine.error("not shown");
        assertEquals("", logged());
    }

    @Test
    void verboseSendsWarningsAndErrorsToStderrButNotInfo() {
        Logger engine = LoggerFactory.getLogger("org.flapp.rpc.Example");   // made before --verbose
        enableVerbose();
        engine.info("not shown");
        engine.debug("not shown");
        engine.warn("shown");
        engine.error("then {} and {}", "this", 2);
        assertEquals("flappclient: log: WARN org.flapp.rpc.Example: shown\n"
                + "flappclient: log: ERROR org.flapp.rpc.Example: then this and 2\n", logged());
    }

    @Test
    void longLoggerNamesAreShortenedAsLogbacksThirtyCharacterForm() {
        enableVerbose();
        LoggerFactory.getLogger("org.flapp.rpc.internal.negotiation.TlsNegotiationHandler").warn("w");
        LoggerFactory.getLogger("io.netty.handler.ssl.SslHandler").warn("w");
        assertEquals("flappclient: log: WARN o.f.r.i.n.TlsNegotiationHandler: w\n"
                + "flappclient: log: WARN i.netty.handler.ssl.SslHandler: w\n", logged());
    }

    @Test
    void aThrowableComesWithItsStackTraceAlsoAsTheLastArgument() {
        enableVerbose();
        Logger engine = LoggerFactory.getLogger("org.flapp.rpc.Example");
        IOException cause = new IOException("inner");
        engine.warn("failed: {}", "reading", new IllegalStateException("outer", cause));
        String[] lines = logged().split("\n");
        assertEquals("flappclient: log: WARN org.flapp.rpc.Example: failed: reading", lines[0]);
        assertEquals("java.lang.IllegalStateException: outer", lines[1]);
        assertTrue(lines[2].startsWith("\tat org.flapp.client.LoggingTest."), lines[2]);
        assertTrue(logged().contains("\nCaused by: java.io.IOException: inner\n"), logged());
        assertTrue(logged().matches("(?s).*\n\t\\.\\.\\. \\d+ common frames omitted\n"), logged());
    }
}
