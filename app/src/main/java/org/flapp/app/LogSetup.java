package org.flapp.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Where a running server logs ({@link LogTarget}): a file, by default {@code twistd.log} in the
 * base directory as Python's server (twistd) writes it, rotated as twistd rotates it, at 1 MB, into
 * {@code twistd.log.1} (newest) and on, but keeping at most {@link #ROTATED_FILES} old files where
 * twistd keeps all; standard output (with journald's {@code <N>} priority prefixes and no time
 * stamp when that output is the journal); or syslog. Replaces whatever configuration logback had
 * (the commands' default, warnings on stderr: {@link CommandLineLogConfigurator}).
 */
final class LogSetup {
    static final String LOG_FILE = "twistd.log";
    static final String ROTATE_AT = "1MB";
    static final int ROTATED_FILES = 9;
    /** {@code %oneLineMsg}: the message with line breaks escaped ({@link OneLineMessageConverter}). */
    private static final String BODY = "%-5level [%thread] %logger{24}: %oneLineMsg";
    private static final String FILE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSZ} " + BODY + "%n";
    /** journald stamps each line itself, and reads the priority from the prefix. */
    private static final String JOURNAL_PATTERN = "<%syslogPriority>[%thread] %logger{24}: %oneLineMsg%n";
    private static final String SYSLOG_PATTERN = "[%thread] %logger{24}: %oneLineMsg";

    private LogSetup() {}

    static void apply(LogTarget target) {
        switch (target.kind()) {
            case FILE -> toLogFile(target.file());
            case STDOUT -> toStdout(FILE_PATTERN);
            case JOURNAL -> toStdout(JOURNAL_PATTERN);
            case SYSLOG -> toSyslog(target.syslogSocket(), target.prefix());
        }
    }

    /** To {@code BASEDIR/twistd.log}. */
    static void toFile(Path baseDirectory) {
        toLogFile(baseDirectory.resolve(LOG_FILE));
    }

    private static void toLogFile(Path path) {
        LoggerContext context = reset();
        String file = path.toAbsolutePath().toString();
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("file");
        appender.setFile(file);
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(ROTATED_FILES);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf(ROTATE_AT));
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        finishStream(context, appender, FILE_PATTERN);
    }

    private static void toStdout(String pattern) {
        LoggerContext context = reset();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("stdout");
        finishStream(context, appender, pattern);
    }

    private static void toSyslog(String socket, String prefix) {
        LoggerContext context = reset();
        SyslogAppender appender = new SyslogAppender(socket, prefix, ProcessHandle.current().pid());
        appender.setContext(context);
        appender.setName("syslog");
        appender.setLayout(layout(context, SYSLOG_PATTERN));
        appender.start();
        attach(context, appender);
    }

    private static LoggerContext reset() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        return context;
    }

    private static PatternLayout layout(LoggerContext context, String pattern) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("oneLineMsg", OneLineMessageConverter::new);
        layout.getInstanceConverterMap().put("syslogPriority", SyslogPriority::new);
        layout.setPattern(pattern);
        layout.start();
        return layout;
    }

    private static void finishStream(LoggerContext context, OutputStreamAppender<ILoggingEvent> appender, String pattern) {
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout(context, pattern));
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        attach(context, appender);
    }

    private static void attach(LoggerContext context, Appender<ILoggingEvent> appender) {
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        // the engine's internals are chatty at INFO; their warnings still show
        context.getLogger("io.netty").setLevel(Level.WARN);
    }
}
