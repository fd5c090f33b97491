package org.flapp.client;

import java.io.PrintStream;
import org.slf4j.LoggerFactory;

/**
 * {@code --verbose}: the RPC engine's warnings and errors go to our stderr, one line each, marked
 * as log lines ({@link ClientLogger}). Nothing happens when SLF4J is bound to another provider
 * (a JVM that runs the client in-process, bound before {@link ClientLogProvider#select}).
 */
final class VerboseLogging {
    private VerboseLogging() {}

    static void enable(PrintStream err) {
        if (LoggerFactory.getILoggerFactory() instanceof ClientLoggerFactory loggers) {
            loggers.showWarnings(err);
        }
    }
}
