package org.flapp.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logback's configuration for flappclient, found through {@code META-INF/services}: logging
 * off, no appenders. flappclient's stderr belongs to the remote command's output and to our one
 * error line; the RPC engine's log messages would only get in the way. {@code --verbose} turns
 * warnings on ({@link VerboseLogging}). Doing this in code also spares the time logback would
 * spend looking for and parsing an XML configuration at start-up.
 */
public final class ClientLogConfigurator extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
