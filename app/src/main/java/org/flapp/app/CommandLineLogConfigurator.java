package org.flapp.app;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logback's configuration for flappserver's JVMs, found through {@code META-INF/services} (logback
 * 1.5 asks these before it looks for {@code logback.xml}): only warnings and errors, on stderr, so
 * that the admin commands' output stays what scripts expect and their problems still show. A
 * running server replaces it ({@link LogSetup}). The same two elements the {@code logback.xml}
 * it replaces had, without logback's XML reader (its start-up cost here is not measured on its
 * own; docs/performance.md has the try of logback's start).
 *
 * <p>Steps aside when {@code -Dlogback.configurationFile} names an admin's own configuration, which
 * logback's next configurator then reads.
 */
public final class CommandLineLogConfigurator extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%-5level %logger{24}: %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
