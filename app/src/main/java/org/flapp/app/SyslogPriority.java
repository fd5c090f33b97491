package org.flapp.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %syslogPriority}: an event's level as a syslog severity (3 error, 4 warning, 6 info,
 * 7 debug), the {@code <N>} prefix journald reads on a service's standard output
 * ({@code sd-daemon(3)}) and the severity half of a syslog message's priority.
 */
public final class SyslogPriority extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Integer.toString(severity(event.getLevel()));
    }

    static int severity(Level level) {
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return 3;
        }
        if (level.isGreaterOrEqual(Level.WARN)) {
            return 4;
        }
        return level.isGreaterOrEqual(Level.INFO) ? 6 : 7;
    }
}
