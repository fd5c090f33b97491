package org.flapp.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging in a JVM on the packaged lib/ as flappserver's commands run: all modules' jars in one
 * directory, so logback finds every module's configurator there (client-cli's once silenced them).
 */
class CommandLoggingTest {
    private static final String WARNING = "WARN  org.flapp.app.Admin: a warning the admin must see";

    record Result(int status, String out, String err) {
    }

    private static Result runOnPackagedLib(Path cwd, String... jvmOptions)
            throws IOException, InterruptedException, URISyntaxException {
        Path lib = Built.target().resolve("lib").toAbsolutePath();
        Path tests = Path.of(LogsAWarning.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", lib + "/*" + File.pathSeparator + tests, LogsAWarning.class.getName()));
        File out = cwd.resolve(".out").toFile();
        File err = cwd.resolve(".err").toFile();
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectOutput(out).redirectError(err)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " finished");
        return new Result(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }

    @Test
    void aWarningShowsOnStderrAndInfoDoesNot(@TempDir Path cwd) throws Exception {
        Result r = runOnPackagedLib(cwd);
        assertEquals(new Result(0, "", WARNING + System.lineSeparator()), r);
    }

    @Test
    void anAdminsOwnLogbackConfigurationStillApplies(@TempDir Path cwd) throws Exception {
        Path config = Files.writeString(cwd.resolve("logback.xml"), """
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>mine %level %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="out"/></root>
                </configuration>
                """);
        Result r = runOnPackagedLib(cwd, "-Dlogback.configurationFile=" + config);
        String n = System.lineSeparator();
        assertEquals(new Result(0, "mine INFO an info line the commands keep to themselves" + n
                + "mine WARN a warning the admin must see" + n, ""), r);
    }
}
