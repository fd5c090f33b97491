package org.flapp.services.command;

import java.util.Objects;
import java.util.concurrent.Executor;
import org.flapp.rpc.Arguments;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.RemoteMethods;
import org.flapp.rpc.Signature;
import org.flapp.services.options.RunCommandOptions;

/**
 * The {@code run-command} service: one remote method, {@code execute(watcher)}, which starts the
 * configured command and answers at once with a stdin handle ({@code --accept-stdin}) or None;
 * the command's output and end are then reported to {@code watcher} with {@code stdout},
 * {@code stderr} and {@code done} calls (see {@link CommandRun}).
 *
 * <p>Thread-safe and stateless: a new one per lookup costs nothing.
 */
public final class RunCommandService implements Referenceable {
    private final RunCommandOptions options;
    private final CommandLimits limits;
    private final Executor threads;
    private final RunningCommands running;
    private final RemoteMethods methods;

    /**
     * @param threads runs the blocking pipe readers and writers: must be able to run three
     *     long-lived tasks per running command (an unbounded cached pool)
     * @param running the server's running commands, stopped at shutdown
     */
    public RunCommandService(RunCommandOptions options, CommandLimits limits, Executor threads,
            RunningCommands running) {
        this.options = Objects.requireNonNull(options, "options");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.running = Objects.requireNonNull(running, "running");
        this.methods = RemoteMethods.builder().className("CommandRunner")
                .method("execute", Signature.of(Signature.required("watcher", Constraint.reference())), this::execute)
                .build();
    }

    @Override
    public RemoteMethods remoteMethods() {
        return methods;
    }

    private Object execute(Arguments args) throws Exception {
        args.expectCount(1);
        return CommandRun.start(options, args.reference(0), args.answerWritten(), limits, threads, running);
    }
}
