package org.flapp.client;

import java.io.PrintStream;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/**
 * The loggers of {@link ClientLogProvider}: all silent until {@link #showWarnings} names a stream,
 * then warnings and errors go there, one line each (and a stack trace when one comes with the
 * message). The switch is one volatile field read on every call, so loggers made before
 * {@code --verbose} was read (static ones, in classes loaded early) follow it. Thread-safe.
 */
final class ClientLoggerFactory implements ILoggerFactory {
    static final ClientLoggerFactory INSTANCE = new ClientLoggerFactory();

    private volatile PrintStream target;

    private ClientLoggerFactory() {
    }

    @Override
    public Logger getLogger(String name) {
        return new ClientLogger(name, this);
    }

    /** From now on warnings and errors go to {@code err}; {@code null} silences them again. */
    void showWarnings(PrintStream err) {
        target = err;
    }

    /** Where warnings go, or {@code null} while logging is off. */
    PrintStream target() {
        return target;
    }
}
