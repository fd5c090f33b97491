package org.flapp.app;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code flappserver}: creates, configures and runs a Foolscap application server, as Python
 * Foolscap 21.7.0's {@code flappserver} does and on the same base directories: {@code create},
 * {@code add}, {@code list}, {@code start}, {@code stop}, {@code restart}, plus {@code remove} and
 * {@code status}.
 *
 * <p>Exit statuses: 0 success; 1 usage errors and operational failures (as Python); 2 from
 * {@code stop} when nothing was running (as Python); 3 from {@code status} when not running.
 * Usage errors print {@code flappserver: MESSAGE} and the command's usage on stderr (Python prints
 * them on stdout). A well-formed {@code start} line is read without picocli
 * ({@link QuickStartCommandLine}: a server's start-up spares picocli's class loading); every other
 * line, and every usage error, goes through picocli.
 *
 * <pre>{@code
 * int status = FlappServer.run(new String[] {"list", "srv"}, System.out, System.err);
 * }</pre>
 */
@Command(name = "flappserver",
        synopsisHeading = "Usage: ",
        customSynopsis = "flappserver (create|add|list|remove|start|stop|restart|status) ...",
        description = "Create, configure and run a Foolscap application server.",
        mixinStandardHelpOptions = true,
        versionProvider = FlappServer.Version.class,
        subcommands = {CreateCommand.class, AddCommand.class, ListCommand.class, RemoveCommand.class,
                StartCommand.class, StopCommand.class, RestartCommand.class, StatusCommand.class})
public final class FlappServer implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command in this process; returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        Optional<StartCommand> quick = QuickStartCommandLine.parse(args);
        int status = quick.isPresent() ? runQuick(quick.get(), outWriter, errWriter)
                : runWithPicocli(args, outWriter, errWriter);
        outWriter.flush();
        errWriter.flush();
        return status;
    }

    /** A command {@link QuickStartCommandLine} read: run as picocli would run it, failures reported alike. */
    private static int runQuick(StartCommand command, PrintWriter outWriter, PrintWriter errWriter) {
        command.useStreams(outWriter, errWriter);
        try {
            return command.call();
        } catch (CliFailure | RuntimeException e) {
            return reportFailure(e, errWriter);
        }
    }

    /** The full parser: help, version, usage errors, and every command line the quick path refuses. */
    static int runWithPicocli(String[] args, PrintWriter outWriter, PrintWriter errWriter) {
        CommandLine cl = new CommandLine(new FlappServer());
        // options end at BASEDIR for add, as Twisted's getopt does, so service options pass through
        cl.getSubcommands().get("add").setStopAtPositional(true);
        cl.setOut(outWriter);
        cl.setErr(errWriter);
        cl.setParameterExceptionHandler((e, a) -> {
            errWriter.println("flappserver: " + usageMessage(e));
            errWriter.println();
            e.getCommandLine().usage(errWriter);
            return 1;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> reportFailure(e, errWriter));
        return cl.execute(args);
    }

    /** A command's failure on stderr: a {@link CliFailure} as it is, with its status; anything else as an error. */
    private static int reportFailure(Exception e, PrintWriter errWriter) {
        if (e instanceof CliFailure f) {
            errWriter.println(f.getMessage());
            return f.status();
        }
        errWriter.println("Error: " + e);
        return 1;
    }

    /**
     * The words a person expects for a usage error: an unknown command is named as Python names
     * it ({@code Unknown command: bogus}), with picocli's suggestions when it has any; other errors
     * keep picocli's own message.
     */
    static String usageMessage(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException u
                && u.getCommandLine().getParent() == null
                && !u.isUnknownOption()
                && !u.getUnmatched().isEmpty()) {
            String message = "Unknown command: " + u.getUnmatched().get(0);
            List<String> suggestions = u.getSuggestions();
            return suggestions.isEmpty() ? message : message + " (did you mean " + String.join(" or ", suggestions) + "?)";
        }
        return e.getMessage();
    }

    /** {@code flappserver} alone: a usage error, as in Python. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("flappserver: must specify a command");
        err.println();
        spec.commandLine().usage(err);
        return 1;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String flapp = FlappServer.class.getPackage().getImplementationVersion();
            return new String[] {
                "Foolscap version: 21.7.0 (protocol)",
                "Flapp version: " + (flapp == null ? "development" : flapp),
                "Java version: " + System.getProperty("java.version"),
            };
        }
    }
}
