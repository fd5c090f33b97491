package org.flapp.rpc.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Catches the unexpected exceptions that the code under test handles itself: the Banana decoder
 * turns any RuntimeException into a generic ERROR token and logs it, the Broker logs whatever
 * reaches its {@code exceptionCaught}. Without this, an NPE there would look like a clean refusal.
 * Every WARN or ERROR event that carries a throwable, or that comes from an {@code exceptionCaught}
 * ("... failed: <exception>"), is a finding; so is any event with a throwable, whatever its level,
 * from the loggers named when the trap is made (the negotiation logs its failures at DEBUG).
 * Install one per fuzz input; not thread-safe.
 */
final class FindingTrap extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<String> findings = new ArrayList<>();
    private final List<Logger> watched = new ArrayList<>();
    private final List<Level> watchedLevels = new ArrayList<>();
    private Throwable firstCause;

    FindingTrap(String... watchAtDebug) {
        setName("fuzz-finding-trap");
        setContext(root.getLoggerContext());
        start();
        root.addAppender(this);
        for (String name : watchAtDebug) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            watched.add(logger);
            watchedLevels.add(logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        boolean fromWatched = watched.stream().anyMatch(l -> l.getName().equals(event.getLoggerName()));
        if (!event.getLevel().isGreaterOrEqual(Level.WARN) && !(fromWatched && thrown != null)) {
            return;
        }
        boolean fromExceptionCaught = event.getLoggerName().endsWith(".Broker")
                && event.getMessage().startsWith("connection to {} failed");
        if (thrown == null && !fromExceptionCaught) {
            return;
        }
        findings.add(event.getLoggerName() + ": " + event.getFormattedMessage()
                + (thrown == null ? "" : " [" + thrown.getClassName() + ": " + thrown.getMessage() + "]"));
        if (firstCause == null && thrown instanceof ThrowableProxy proxy) {
            firstCause = proxy.getThrowable();
        }
    }

    /** Throws an AssertionError naming what was logged, with the first logged exception as cause. */
    void check() {
        if (!findings.isEmpty()) {
            throw new AssertionError("unexpected exception handled by the code under test: " + findings, firstCause);
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < watched.size(); i++) {
            watched.get(i).setLevel(watchedLevels.get(i));
        }
        root.detachAppender(this);
        stop();
    }
}
