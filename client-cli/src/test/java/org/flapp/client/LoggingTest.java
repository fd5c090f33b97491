package org.flapp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The engine's logging stays silent by default and goes to stderr with --verbose. */
class LoggingTest {
    @Test
    void loggingIsOffWithoutVerboseAndWarningsGoToStderrWithIt() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.OFF, root.getLevel(), "ClientLogConfigurator was used");
        assertTrue(!root.iteratorForAppenders().hasNext(), "no appenders by default");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            VerboseLogging.enable(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            org.slf4j.Logger engine = LoggerFactory.getLogger("org.flapp.rpc.Example");
            engine.info("not shown");
            engine.warn("shown");
            assertEquals("flappclient: log: WARN org.flapp.rpc.Example: shown\n", bytes.toString(StandardCharsets.UTF_8));
        } finally {
            root.detachAndStopAllAppenders();
            root.setLevel(Level.OFF);
        }
    }
}
