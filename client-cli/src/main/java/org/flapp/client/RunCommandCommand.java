package org.flapp.client;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.flapp.rpc.RemoteReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code flappclient run-command}: starts the command configured on a run-command service,
 * writes its stdout and stderr to ours as they arrive ({@link OutputWatcher}), feeds it our stdin
 * if (and only if) the service asked for it ({@link StdinPump}), and exits with the command's
 * status: its exit code, 127 when a signal killed it, 3 when the connection was lost first.
 */
@Command(name = "run-command",
        header = "Run the command of a run-command service.",
        description = {
            "Triggers the command prearranged on the run-command service waiting at the given FURL. "
                    + "The executable, its working directory and its arguments are configured by the "
                    + "server; this client has no control over them.",
            "",
            "Unless the server turned them off, the command's stdout and stderr are written to this "
                    + "client's stdout and stderr as the command runs, and the client exits with the "
                    + "command's exit status (127 if a signal killed it, 3 if the connection was lost "
                    + "first). If the server wants it, this client sends its stdin to the command."},
        mixinStandardHelpOptions = true,
        versionProvider = FlappClient.VersionProvider.class,
        usageHelpAutoWidth = true)
final class RunCommandCommand implements Callable<Integer> {
    @ParentCommand
    private FlappClient client;

    /** For picocli, which fills in the parent. */
    RunCommandCommand() {}

    /** For {@link QuickCommandLine}. */
    RunCommandCommand(FlappClient client) {
        this.client = client;
    }

    @Override
    public Integer call() throws Exception {
        String furl = client.furlSource().resolve();
        ClientIo io = client.io();
        try (ServiceConnector.ServiceConnection connection = client.connect(furl)) {
            RemoteReference service = connection.service();
            OutputWatcher watcher = new OutputWatcher(io.out(), io.err());
            RemoteReference.Subscription subscription = service.notifyOnDisconnect(watcher::connectionLost);
            service.callRemote("execute", watcher).whenComplete((answer, failure) -> {
                if (failure != null) {
                    watcher.fail(ErrorReporter.callFailure(failure, "execute", "run-command", "starting the command"));
                } else if (answer instanceof RemoteReference stdinHandle) {
                    StdinPump.start(io.in(), stdinHandle);
                }
            });
            int status;
            try {
                status = watcher.exitStatus().get();
            } catch (ExecutionException e) {
                throw (Exception) e.getCause();
            } finally {
                subscription.cancel();
            }
            io.out().flush();
            if (watcher.endedByConnectionLoss()) {
                io.err().println(ErrorReporter.PREFIX + "the connection to the server was lost before the command finished");
                io.err().flush();
            }
            return status;
        }
    }
}
