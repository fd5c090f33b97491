package org.flapp.app;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.flapp.services.LogText;

/**
 * The {@code %msg} of the server's log layout with every control character and line separator
 * escaped ({@link LogText#oneLine}), so one event is always one line even where a message was
 * built from a peer's text without escaping it first.
 */
public final class OneLineMessageConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return LogText.oneLine(event.getFormattedMessage());
    }
}
