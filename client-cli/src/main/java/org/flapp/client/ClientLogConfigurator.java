package org.flapp.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logback's configuration where this jar is on the class path and logback is SLF4J's provider,
 * found through {@code META-INF/services}: logging off, no appenders. flappclient itself no longer
 * starts logback ({@link ClientLogProvider}, silent unless {@code --verbose}); this stays for the
 * JVMs that share the jar directory with it and do (flappserver's commands, until a running server
 * replaces the configuration in {@code LogSetup}), which it kept quiet before and still does.
 */
public final class ClientLogConfigurator extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
