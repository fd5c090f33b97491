package org.flapp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The commands' default logging, on a fresh logback context of its own (not the tests' global one). */
class CommandLineLogConfiguratorTest {
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final LoggerContext context = new LoggerContext();
    private PrintStream realStderr;

    @BeforeEach
    void captureStderr() {
        context.setMDCAdapter(new LogbackMDCAdapter()); // what logback's SLF4J provider gives its context
        realStderr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        context.stop();
        System.setErr(realStderr);
    }

    private ExecutionStatus configure() {
        CommandLineLogConfigurator configurator = new CommandLineLogConfigurator();
        configurator.setContext(context);
        return configurator.configure(context);
    }

    private String captured() {
        System.err.flush();
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void warningsGoToStderrAsLogbackXmlPrintedThemAndInfoDoesNot() {
        assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configure());
        Logger log = context.getLogger("org.flapp.services.upload.UploadTransfer");
        log.info("uploading {}", "a.txt");
        log.warn("could not delete {}", "a.txt.part");
        context.getLogger("org.flapp.app.Umask").error("no");

        String n = System.lineSeparator();
        assertEquals("WARN  o.f.s.u.UploadTransfer: could not delete a.txt.part" + n
                + "ERROR org.flapp.app.Umask: no" + n, captured());
        assertTrue(new StatusUtil(context).getHighestLevel(0) < Status.WARN, "logback had no complaint");
    }

    @Test
    void stepsAsideForAnAdminsOwnConfigurationFile() {
        String before = System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
        System.setProperty(ClassicConstants.CONFIG_FILE_PROPERTY, "/etc/flapp/logback.xml");
        try {
            assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configure());
        } finally {
            if (before == null) {
                System.clearProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
            } else {
                System.setProperty(ClassicConstants.CONFIG_FILE_PROPERTY, before);
            }
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertFalse(root.iteratorForAppenders().hasNext(), "no appender added");
        context.getLogger("org.flapp.app").warn("for the admin's appenders only");
        assertEquals("", captured());
    }
}
