package org.flapp.services.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.RemoteReference;
import org.flapp.services.BadServiceArguments;
import org.flapp.services.LogText;
import org.flapp.services.options.RunCommandOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code execute(watcher)}: starts the command, pumps its stdout and stderr to the watcher,
 * feeds it stdin when the service accepts it (closing stdin when the watcher's connection is
 * lost, as Python does; without {@code --accept-stdin} stdin is closed at once, so a command that
 * reads it sees end of input instead of hanging as under Python), and when the command has ended
 * and both streams are drained sends {@code done(signal, exitcode)}: {@code (None, code)} for an
 * exit, {@code (signum, None)} for a signal. A command that cannot be executed (its working
 * directory or executable missing, not executable) gets a message on stderr and
 * {@code done(None, 1)}, like Python's server, whose forked child prints a traceback there.
 *
 * <p>Uses three threads of the given executor per command at most (two output pumps and the
 * stdin writer); they block on pipes. The output pumps start only once the answer to
 * {@code execute} has been written to the connection, so the client always receives the answer
 * (and its stdin handle) before any {@code stdout}/{@code stderr} call, as with Python's
 * single-threaded server; until then the command's output waits in its pipes.
 */
final class CommandRun {
    private static final Logger log = LoggerFactory.getLogger(CommandRun.class);

    private CommandRun() {}

    /**
     * Starts the command; returns the stdin handle, or {@code null} (None) without
     * {@code --accept-stdin}.
     *
     * @param answerWritten completes (or fails, if the connection is lost) once the answer to
     *     this execute call has been written: output is sent only after it
     *
     * @throws RemoteException if no command is configured or it cannot be started at all
     */
    static StdinHandle start(RunCommandOptions options, RemoteReference watcher,
            CompletableFuture<Void> answerWritten, CommandLimits limits, Executor threads,
            RunningCommands running) throws RemoteException {
        if (options.command().isEmpty()) {
            throw RemoteException.python(BadServiceArguments.SERVICE_ERROR,
                    "this run-command service has no COMMAND configured");
        }
        running.reserve();
        log.info("command started in dir {}: {}", options.targetDir(), options.command());
        CommandProcess process;
        try {
            process = CommandProcess.start(options.command(), options.targetDir());
        } catch (IOException | RuntimeException e) {
            running.unreserve();
            log.warn("could not start {}: {}", options.command(), LogText.escape(e.toString()));
            throw RemoteException.python("builtins.OSError", "could not start the command: " + e.getMessage());
        }
        running.add(process);

        StdinHandle handle = null;
        RemoteReference.Subscription onDisconnect = null;
        if (options.acceptStdin()) {
            StdinWriter writer = new StdinWriter(process.process().getOutputStream(), limits);
            handle = new StdinHandle(writer, options.logStdin());
            threads.execute(writer);
            onDisconnect = watcher.notifyOnDisconnect(handle::closeStdin);
        } else {
            try {
                process.process().getOutputStream().close();
            } catch (IOException ignored) {
                // the command already exited: nothing to close
            }
        }

        OutputPump stdout = new OutputPump("stdout", process.process().getInputStream(),
                options.sendStdout() ? watcher : null, options.logStdout(), limits);
        OutputPump stderr = new OutputPump("stderr", process.process().getErrorStream(),
                options.sendStderr() ? watcher : null, options.logStderr(), limits);
        // whether the answer was written or the connection lost: the pumps must drain the pipes
        answerWritten.whenComplete((ignored, error) -> {
            threads.execute(stdout);
            threads.execute(stderr);
        });

        StdinHandle stdinHandle = handle;
        RemoteReference.Subscription subscription = onDisconnect;
        CompletableFuture.allOf(stdout.finished(), stderr.finished(), process.outcome())
                .whenCompleteAsync((ignored, error) -> {
                    if (subscription != null) {
                        subscription.cancel();
                    }
                    if (stdinHandle != null) {
                        stdinHandle.closeStdin();
                    }
                    finish(options, watcher, process.outcome().getNow(ProcessOutcome.exited(-1)));
                    running.remove(process);  // after done: shutdown waits for the report
                }, threads);
        return handle;
    }

    private static void finish(RunCommandOptions options, RemoteReference watcher, ProcessOutcome outcome) {
        try {
            if (outcome.execError() != null) {
                // a header, then the last line of Python's traceback for the same failure
                String message = "flappserver: cannot run '" + options.command().get(0) + "' in "
                        + options.targetDir() + ":\n" + outcome.execError().pythonLine() + "\n";
                log.warn("{}", LogText.escape(message.strip()));
                if (options.sendStderr()) {
                    watcher.callRemoteOnly("stderr", (Object) message.getBytes(StandardCharsets.UTF_8));
                }
            }
            log.info("process ended (signal={}, rc={})", outcome.signal(), outcome.exitCode());
            watcher.callRemoteOnly("done", outcome.doneArguments().toArray());
        } catch (RuntimeException e) {
            log.info("could not send done to the client: {}", LogText.escape(e.toString()));
        }
    }
}
