package org.flapp.services.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One command running under the wait-status wrapper ({@code wait-status.pl}, run by perl, which
 * Debian always has): the wrapper forks the command (looked up on PATH, in the given directory,
 * with the JVM's environment and umask), waits for it and writes the exact outcome to a private
 * temporary file, which {@link #outcome()} reads once the wrapper has exited. The command's
 * stdin, stdout and stderr are the pipes of {@link #process()}. The wrapper leads a session of
 * its own, whose id is {@link #session()}: {@link RunningCommands} stops a command by signalling
 * every process of that session.
 *
 * <p>Thread-safe.
 */
final class CommandProcess {
    private static final String SCRIPT = loadScript();
    private static final String PERL = Files.isExecutable(Path.of("/usr/bin/perl")) ? "/usr/bin/perl" : "perl";

    private final Process process;
    private final CompletableFuture<ProcessOutcome> outcome;

    private CommandProcess(Process process, CompletableFuture<ProcessOutcome> outcome) {
        this.process = process;
        this.outcome = outcome;
    }

    /**
     * Starts {@code argv} in {@code directory}. The wrapper's child changes to the directory, so
     * a missing one is an outcome ({@link ExecFailure}), as a missing command is.
     *
     * @throws IOException if the wrapper cannot be started (perl is missing)
     */
    static CommandProcess start(List<String> argv, Path directory) throws IOException {
        Path statusFile = Files.createTempFile("flapp-command-", ".status");  // mode 0600
        List<String> command = new ArrayList<>(List.of(PERL, "-e", SCRIPT, "--", statusFile.toString(),
                directory.toString()));
        command.addAll(argv);
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(statusFile);
            throw e;
        }
        // read on the JDK's process-reaper thread: a few bytes of a local file, and it cannot be
        // refused the way a task for an executor being shut down can (the file must be deleted)
        CompletableFuture<ProcessOutcome> outcome = process.onExit()
                .thenApply(exited -> readOutcome(statusFile, exited.exitValue()));
        return new CommandProcess(process, outcome);
    }

    Process process() {
        return process;
    }

    /** Completes once the wrapper has exited, with how the command ended. */
    CompletableFuture<ProcessOutcome> outcome() {
        return outcome;
    }

    /** The id of the session the command runs in: the wrapper's pid. */
    long session() {
        return process.pid();
    }

    private static ProcessOutcome readOutcome(Path statusFile, int wrapperExitValue) {
        try {
            String line = Files.readString(statusFile, StandardCharsets.UTF_8);
            return ProcessOutcome.parse(line, wrapperExitValue);
        } catch (IOException e) {
            return ProcessOutcome.parse("", wrapperExitValue);
        } finally {
            try {
                Files.deleteIfExists(statusFile);
            } catch (IOException ignored) {
                // a leftover empty file in the temp directory is harmless
            }
        }
    }

    private static String loadScript() {
        try (InputStream in = CommandProcess.class.getResourceAsStream("wait-status.pl")) {
            if (in == null) {
                throw new IllegalStateException("wait-status.pl is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
