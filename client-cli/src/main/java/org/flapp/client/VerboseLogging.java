package org.flapp.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.PrintStream;
import org.slf4j.LoggerFactory;

/**
 * {@code --verbose}: the RPC engine's warnings and errors go to our stderr, one line each, marked
 * as log lines. Called once, before the engine is loaded.
 */
final class VerboseLogging {
    private VerboseLogging() {}

    static synchronized void enable(PrintStream err) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender("flappclient-stderr") != null) {
            return;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("flappclient: log: %level %logger{30}: %msg%n");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setName("flappclient-stderr");
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(err);
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.WARN);
    }
}
