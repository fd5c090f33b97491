package org.flapp.packaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run by {@link CommandLoggingTest} on the packaged class path: logs as flappserver's admin
 * commands would, one INFO and one WARN under a logger of the app. No command logs a warning of
 * its own yet, so this stands in for one.
 */
public final class LogsAWarning {
    private LogsAWarning() {
    }

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger("org.flapp.app.Admin");
        log.info("an info line the commands keep to themselves");
        log.warn("a warning the admin must see");
    }
}
