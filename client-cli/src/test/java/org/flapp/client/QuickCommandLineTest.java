package org.flapp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flapp.rpc.Referenceable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The quick path must never change what flappclient does: every command line here runs once
 * through {@link FlappClient#run} (quick path first) and once through picocli alone, and the two
 * runs must agree on exit status, output, the FURL and timeout used, and what was uploaded.
 */
class QuickCommandLineTest {
    private static final String FURL = "pb://fwhjwcytzdzbijbpnca627vyrj6tdppr@tcp:127.0.0.1:41010/slgx4yygltbxcm7ev73zzuamkfepamly";

    @TempDir
    Path dir;

    /** Command lines the quick path must take (A and B are files, F a furlfile). */
    static Stream<String> quickLines() {
        return Stream.of(
                "--furl=" + FURL + " upload-file A",
                "--furl " + FURL + " upload-file A B",
                "-f F upload-file A",
                "--furlfile=F --connect-timeout=2.5 upload-file -q A",
                "--verbose --furl " + FURL + " --connect-timeout 7 upload-file A --quiet B",
                "--furl=" + FURL + " upload-file --target-filename=other.txt A",
                "--furl=" + FURL + " upload-file --target-subdirectory sub/dir/ A B",
                "--furl=" + FURL + " run-command",
                "--furlfile F run-command",
                // taken, then refused by the command's own checks: picocli reports those
                "--furl=" + FURL + " upload-file --target-filename=x A B",
                "--furl=" + FURL + " --connect-timeout=0 upload-file A",
                "--furl=" + FURL + " upload-file --target-subdirectory=../up A",
                "--furl=" + FURL + " --furlfile=F upload-file A",
                "upload-file A",
                // taken, failing when it runs
                "--furl=" + FURL + " upload-file missing.txt",
                "--furl=not-a-furl upload-file A",
                "--furlfile=nofile run-command");
    }

    /** Command lines only picocli handles. */
    static Stream<String> picocliLines() {
        return Stream.of(
                "",
                "--help",
                "--version",
                "--furl=" + FURL,
                "--furl=" + FURL + " upload-file",
                "--furl=" + FURL + " upload-file --help",
                "--furl=" + FURL + " upload-file -- A",
                "--furl=" + FURL + " upload-file @A",
                "--furl=" + FURL + " upload-file --bogus A",
                "--furl=" + FURL + " upload-file -q -q A",
                "--furl=" + FURL + " run-command extra",
                "--furl=" + FURL + " run-command --help",
                "--furl=" + FURL + " --furl=" + FURL + " run-command",
                "--furl= run-command",
                "--furl run-command",
                "--furl=" + FURL + " --connect-timeout=1e3 run-command",
                "--furl=" + FURL + " --connect-timeout=-1 run-command",
                "--furl=" + FURL + " --verbose --verbose run-command",
                "-f=F run-command",
                "--furl=" + FURL + " bogus",
                "--bogus upload-file A");
    }

    @ParameterizedTest
    @MethodSource("quickLines")
    void quickPathTakesCommonCommandLines(String line) throws Exception {
        assertNotNull(QuickCommandLine.commandFor(args(line), new FlappClient(null, null)), line);
    }

    @ParameterizedTest
    @MethodSource("picocliLines")
    void quickPathLeavesEverythingElseToPicocli(String line) throws Exception {
        assertNull(QuickCommandLine.commandFor(args(line), new FlappClient(null, null)), line);
    }

    @ParameterizedTest
    @MethodSource({"quickLines", "picocliLines"})
    void quickPathAndPicocliGiveTheSameOutcome(String line) throws Exception {
        String[] args = args(line);
        Outcome quick = outcome(args, true);
        Outcome picocli = outcome(args, false);
        assertEquals(picocli, quick, line);
    }

    /** What one run did, as far as anyone outside could tell. */
    record Outcome(int status, String stdout, String stderr, String furl, String timeout, List<String> uploads) {}

    private Outcome outcome(String[] args, boolean quickPathFirst) throws Exception {
        List<String> uploads = new ArrayList<>();
        FakeService upload = new FakeService(Map.of("putfile", callArgs -> {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            Referenceable source = (Referenceable) callArgs.get(1);
            for (byte[] block; (block = (byte[]) FakeService.invokeQuietly(source, "read", 1024L)).length > 0; ) {
                content.writeBytes(block);
            }
            uploads.add(new String((byte[]) callArgs.get(0), StandardCharsets.UTF_8) + "="
                    + content.toString(StandardCharsets.UTF_8));
            return null;
        }));
        FakeService[] runCommand = new FakeService[1];
        runCommand[0] = new FakeService(Map.of("execute", callArgs -> {
            Referenceable watcher = (Referenceable) callArgs.get(0);
            runCommand[0].executor.execute(() -> {
                FakeService.invokeQuietly(watcher, "stdout", "out".getBytes(StandardCharsets.UTF_8));
                FakeService.invokeQuietly(watcher, "done", null, 5L);
            });
            return null;
        }));
        boolean wantsRunCommand = Arrays.asList(args).contains("run-command");
        FakeService service = wantsRunCommand ? runCommand[0] : upload;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, false, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        ClientIo io = new ClientIo(outStream, errStream, new ByteArrayInputStream(new byte[0]), false);
        int status = quickPathFirst ? FlappClient.run(args, io, service.connector())
                : FlappClient.runWithPicocli(args, io, service.connector());
        outStream.flush();
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                service.lastFurl, String.valueOf(service.lastTimeout), uploads);
    }

    private String[] args(String line) throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "alpha");
        Path b = Files.writeString(dir.resolve("b.txt"), "beta");
        Path furlFile = Files.writeString(dir.resolve("service.furl"), "# test\n" + FURL + "\n");
        if (line.isEmpty()) {
            return new String[0];
        }
        return Arrays.stream(line.split(" "))
                .map(word -> switch (word) {
                    case "A" -> a.toString();
                    case "B" -> b.toString();
                    case "F" -> furlFile.toString();
                    case "@A" -> "@" + a;
                    case "missing.txt" -> dir.resolve("missing.txt").toString();
                    default -> word.replace("=F", "=" + furlFile);
                })
                .toArray(String[]::new);
    }
}
