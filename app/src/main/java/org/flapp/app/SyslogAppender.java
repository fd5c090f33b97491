package org.flapp.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Logs to the local syslog daemon (twistd's {@code --syslog}): each event one datagram to the
 * {@code /dev/log} unix socket, {@code <PRI>PREFIX[PID]: TEXT} with facility user, as glibc's
 * {@code syslog(3)} sends it (the daemon adds the time). An event the daemon cannot take (not
 * running, not reading) is dropped and counted, never waited for; a message is cut at
 * {@link #MAX_BYTES}.
 */
final class SyslogAppender extends AppenderBase<ILoggingEvent> {
    /** Facility "user" (1), shifted as the priority field holds it. */
    private static final int FACILITY_USER = 1 << 3;
    /** Above the common 8 KiB datagram limit of syslog daemons nothing arrives anyway. */
    static final int MAX_BYTES = 8192;

    private final String socket;
    private final String tag;
    private Layout<ILoggingEvent> layout;
    private long dropped;

    SyslogAppender(String socket, String prefix, long pid) {
        this.socket = socket;
        this.tag = prefix + "[" + pid + "]: ";
    }

    void setLayout(Layout<ILoggingEvent> layout) {
        this.layout = layout;
    }

    @Override
    protected void append(ILoggingEvent event) {
        int priority = FACILITY_USER + SyslogPriority.severity(event.getLevel());
        String text = "<" + priority + ">" + tag + layout.doLayout(event).stripTrailing();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            bytes = java.util.Arrays.copyOf(bytes, MAX_BYTES);
        }
        try {
            UnixDatagram.send(socket, bytes);
        } catch (IOException e) {
            if (dropped++ == 0) {
                addWarn("syslog at " + socket + " does not take messages: " + e.getMessage());
            }
        }
    }
}
