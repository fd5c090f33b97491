package org.flapp.client;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One named logger of {@link ClientLoggerFactory}. A line reads
 * {@code flappclient: log: LEVEL LOGGER: MESSAGE}, with the logger's name shortened to about 30
 * characters ({@link LoggerNames}) and a throwable's stack trace after it: the format the client
 * had with logback ({@code flappclient: log: %level %logger{30}: %msg%n}).
 */
final class ClientLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    static final int NAME_LENGTH = 30;

    private final transient ClientLoggerFactory factory;

    ClientLogger(String name, ClientLoggerFactory factory) {
        this.name = name;
        this.factory = factory;
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return false;
    }

    @Override
    public boolean isWarnEnabled() {
        return factory.target() != null;
    }

    @Override
    public boolean isErrorEnabled() {
        return factory.target() != null;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern,
            Object[] arguments, Throwable throwable) {
        PrintStream err = factory.target();
        if (err == null) {
            return;
        }
        Object[] args = arguments;
        Throwable thrown = throwable;
        if (thrown == null && MessageFormatter.getThrowableCandidate(args) != null) {
            // a throwable as the last argument is the event's throwable, as logback took it
            thrown = MessageFormatter.getThrowableCandidate(args);
            args = MessageFormatter.trimmedCopy(args);
        }
        StringBuilder line = new StringBuilder("flappclient: log: ").append(level).append(' ')
                .append(LoggerNames.abbreviate(name, NAME_LENGTH)).append(": ")
                .append(MessageFormatter.basicArrayFormat(pattern, args)).append(System.lineSeparator());
        if (thrown != null) {
            line.append(stackTrace(thrown));
        }
        synchronized (err) {
            err.print(line);
            err.flush();
        }
    }

    /** The JDK's stack trace, with logback's words for the frames a cause shares with its parent. */
    static String stackTrace(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString().replaceAll("(?m)^(\\t+)\\.\\.\\. (\\d+) more$", "$1... $2 common frames omitted");
    }
}
