package org.flapp.services.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flapp.services.BadServiceArguments;
import org.flapp.services.ServiceHelpRequested;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Service argument parsing, checked against what Python 21.7.0's flappserver add accepts and prints. */
class ServiceArgumentsTest {
    @TempDir
    Path base;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectory(base.resolve("up"));
    }

    private UploadFileOptions upload(String... args) throws BadServiceArguments {
        return UploadFileOptions.parse(List.of(args), base);
    }

    private RunCommandOptions command(String... args) throws BadServiceArguments {
        return RunCommandOptions.parse(List.of(args), base);
    }

    private String uploadError(String... args) {
        return assertThrows(BadServiceArguments.class, () -> upload(args)).getMessage();
    }

    private String commandError(String... args) {
        return assertThrows(BadServiceArguments.class, () -> command(args)).getMessage();
    }

    @Test
    void uploadDefaultsToMode0644AndNoSubdirectories() throws Exception {
        UploadFileOptions o = upload("up");
        assertEquals(base.resolve("up"), o.targetDir());
        assertEquals(0644, o.mode());
        assertFalse(o.allowSubdirectories());
    }

    @ParameterizedTest
    @CsvSource({"--mode=0600,384", "--mode=0o600,384", "--mode=00,0", "--mode=010,8", "--mode=420,420", "--mode=0777,511"})
    void uploadModeIsOctalWithALeadingZeroElseDecimal(String option, int mode) throws Exception {
        assertEquals(mode, upload(option, "up").mode());
    }

    @Test
    void uploadModeMayBeTheNextArgumentAndTheLastOneWins() throws Exception {
        assertEquals(0600, upload("--mode", "0600", "up").mode());
        assertEquals(0600, upload("--mode=0644", "--mode=0600", "up").mode());
    }

    @Test
    void uploadRefusesModesThatAreNotNumbersOrOutside0777() {
        assertTrue(uploadError("--mode=abc", "up").contains("is not a number"));
        assertTrue(uploadError("--mode=0689", "up").contains("is not a number"));
        assertTrue(uploadError("--mode=", "up").contains("is not a number"));
        assertTrue(uploadError("--mode=-1", "up").contains("is not a number"));
        String decimal = uploadError("--mode", "600", "up");
        assertTrue(decimal.contains("01130") && decimal.contains("did you mean 0600"), decimal);
        assertTrue(uploadError("--mode=01777", "up").contains("bits outside 0777"));
    }

    @Test
    void uploadAcceptsAllowSubdirectoriesAndItsUniquePrefix() throws Exception {
        assertTrue(upload("--allow-subdirectories", "up").allowSubdirectories());
        assertTrue(upload("--allow", "up").allowSubdirectories());
    }

    @Test
    void uploadReportsTwistedUsageErrorsWordForWord() {
        assertEquals("Wrong number of arguments.", uploadError());
        assertEquals("Wrong number of arguments.", uploadError("up", "extra"));
        assertEquals("Wrong number of arguments.", uploadError("-", "up"));
        assertEquals("option --bogus not recognized", uploadError("--bogus", "up"));
        assertEquals("option --mode requires argument", uploadError("--mode"));
        assertEquals("option --mo not a unique prefix", uploadError("--mo=0600", "up"));
        assertEquals("option --allow-subdirectories must not have an argument",
                uploadError("--allow-subdirectories=1", "up"));
        assertEquals("option -m not recognized", uploadError("-m", "0600", "up"));
        assertEquals("option --help must not have an argument", uploadError("--help=x", "up"));
        BadServiceArguments e = assertThrows(BadServiceArguments.class, () -> upload("--bogus", "up"));
        assertEquals(BadServiceArguments.USAGE_ERROR, e.remoteType());
    }

    @Test
    void uploadChecksTheTargetDirectory() throws Exception {
        assertEquals("targetdir '" + base.resolve("nothere") + "' must already exist", uploadError("nothere"));
        Files.writeString(base.resolve("file"), "x");
        assertEquals("targetdir '" + base.resolve("file") + "' must be a directory", uploadError("file"));
        BadServiceArguments e = assertThrows(BadServiceArguments.class, () -> upload("nothere"));
        assertEquals("foolscap.appserver.services.BadServiceArguments", e.remoteType());
        assertEquals("foolscap.appserver.services.BadServiceArguments", e.toRemoteException().type());
    }

    @Test
    void uploadResolvesAndNormalizesTheTargetAgainstTheBaseDirectory() throws Exception {
        assertEquals(base.resolve("up"), upload("./x/../up").targetDir());
        assertEquals(base.resolve("up"), upload("--", "up").targetDir());
        assertEquals(base.resolve("up"), upload(base.resolve("up").toString()).targetDir());
    }

    @Test
    void helpAndVersionAreRequestsForInformation() {
        ServiceHelpRequested help = assertThrows(ServiceHelpRequested.class, () -> upload("--help", "up"));
        assertTrue(help.text().startsWith("Usage: flappserver add BASEDIR upload-file [options] TARGETDIR\n"));
        assertTrue(assertThrows(ServiceHelpRequested.class, () -> upload("--he")).text().contains("--mode="));
        assertTrue(assertThrows(ServiceHelpRequested.class, () -> upload("--vers")).text().startsWith("Flapp version: "));
        assertTrue(assertThrows(ServiceHelpRequested.class, () -> command("--help")).text()
                .startsWith("Usage: flappserver add BASEDIR run-command [options] TARGETDIR COMMAND..\n"));
    }

    @Test
    void commandDefaultsToNoStdinSendBothLogStderrOnly() throws Exception {
        RunCommandOptions o = command("up", "echo", "hi");
        assertEquals(base.resolve("up"), o.targetDir());
        assertEquals(List.of("echo", "hi"), o.command());
        assertFalse(o.acceptStdin());
        assertTrue(o.sendStdout());
        assertTrue(o.sendStderr());
        assertFalse(o.logStdin());
        assertFalse(o.logStdout());
        assertTrue(o.logStderr());
    }

    @Test
    void commandFlagsEachSetTheirSetting() throws Exception {
        RunCommandOptions o = command("--accept-stdin", "--no-stdout", "--no-stderr", "--log-stdin",
                "--log-stdout", "--no-log-stderr", "up", "cat");
        assertTrue(o.acceptStdin());
        assertFalse(o.sendStdout());
        assertFalse(o.sendStderr());
        assertTrue(o.logStdin());
        assertTrue(o.logStdout());
        assertFalse(o.logStderr());
        RunCommandOptions back = command("--accept-stdin", "--no-stdin", "--no-stdout", "--send-stdout",
                "--no-stderr", "--send-stderr", "--log-stdin", "--no-log-stdin", "--log-stdout",
                "--no-log-stdout", "--no-log-stderr", "--log-stderr", "up", "cat");
        assertEquals(command("up", "cat"), back, "the last of two contradicting flags wins");
    }

    @Test
    void commandOptionsMustPrecedeTheTargetDirectory() throws Exception {
        RunCommandOptions o = command("up", "--no-stdout", "echo");
        assertTrue(o.sendStdout());
        assertEquals(List.of("--no-stdout", "echo"), o.command());
        assertEquals(List.of("--", "echo"), command("up", "--", "echo").command());
        assertEquals(List.of("echo"), command("--", "up", "echo").command());
    }

    @Test
    void commandReportsTwistedUsageErrorsWordForWord() {
        assertEquals("Wrong number of arguments.", commandError());
        assertEquals("option --bogus not recognized", commandError("--bogus", "up", "echo"));
        assertEquals("option --acc not a unique prefix", commandError("--acc", "up", "echo"));
        assertEquals("option --no-std not a unique prefix", commandError("--no-std", "up", "echo"));
        assertEquals("option --accept_stdin not recognized", commandError("--accept_stdin", "up", "echo"));
        assertEquals("option --accept-stdin must not have an argument", commandError("--accept-stdin=1", "up"));
    }

    @Test
    void commandAcceptsAMissingDirectoryAndAMissingCommandAsPythonDoes() throws Exception {
        assertEquals(base.resolve("nothere"), command("nothere", "echo").targetDir());
        assertEquals(List.of(), command("up").command());
    }
}
