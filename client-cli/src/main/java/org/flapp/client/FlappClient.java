package org.flapp.client;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code flappclient}: a drop-in for Python Foolscap's flappclient, the client of the
 * {@code upload-file} and {@code run-command} services of a flappserver.
 *
 * <p>This class is the top-level command: the options that say which service to contact
 * ({@code --furl}/{@code --furlfile}), how long to try ({@code --connect-timeout}) and how much
 * to say ({@code --verbose}); the work is in {@link UploadCommand} and {@link RunCommandCommand}.
 * Usage errors (exit 1, with a usage hint) are kept apart from operational failures (one
 * {@code flappclient: error:} line, exit 255 or the command's own status).
 *
 * <p>Start-up time counts, since the client runs once per operation: common well-formed command
 * lines skip picocli ({@link QuickCommandLine}), the RPC engine is loaded only when a command
 * connects, the Tub's identity is a fast EC key, and {@link #main} exits as soon as the work is
 * done.
 */
@Command(name = "flappclient",
        synopsisSubcommandLabel = "COMMAND",
        customSynopsis = "flappclient [--furl=FURL | --furlfile=FILE] [OPTIONS] COMMAND [ARGS]...",
        description = {
            "Invokes a service of a flappserver. Each service lives at a secret FURL, which starts "
                    + "with 'pb://'. Give it with --furl=FURL, or store it in a file (comment lines "
                    + "starting with '#' and blank lines are allowed) and give --furlfile=FILE.",
            "",
            "Each service has a type, and the COMMAND must match it. For the options of a command "
                    + "run 'flappclient COMMAND --help', e.g. 'flappclient upload-file --help'."},
        subcommands = {UploadCommand.class, RunCommandCommand.class},
        mixinStandardHelpOptions = true,
        versionProvider = FlappClient.VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        exitCodeOnInvalidInput = ExitStatus.USAGE,
        exitCodeOnExecutionException = ExitStatus.FAILURE)
public final class FlappClient implements Callable<Integer> {
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--furl", paramLabel = "FURL", description = "FURL of the service to contact.")
    private String furl;

    @Option(names = {"-f", "--furlfile"}, paramLabel = "FILE",
            description = "File containing the FURL of the service (the first line starting with pb://).")
    private String furlFile;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Give up connecting after this many seconds (default: ${DEFAULT-VALUE}).")
    private double connectTimeoutSeconds;

    @Option(names = "--verbose",
            description = "On failure, also print the Java stack trace; log the RPC engine's warnings.")
    private boolean verbose;

    @Spec
    private CommandSpec spec;

    private final ClientIo io;
    private final ServiceConnector connector;

    FlappClient(ClientIo io, ServiceConnector connector) {
        this.io = io;
        this.connector = connector;
    }

    public static void main(String[] args) {
        ClientLogProvider.select();   // before the warm-up threads' first log call binds SLF4J
        EngineWarmup.start(args);
        // our own unbuffered-by-line streams: output is flushed explicitly where it matters
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        InputStream in = new FileInputStream(FileDescriptor.in);
        int status = run(args, new ClientIo(out, err, in, System.console() != null), new TubConnector());
        out.flush();
        err.flush();
        EngineWarmup.finish();
        System.exit(status);
    }

    /**
     * The command tree with its options, for documentation generated at build time (man pages,
     * shell completion); not for running commands.
     */
    public static CommandLine commandLineForDocs() {
        return new CommandLine(new FlappClient(
                new ClientIo(System.out, System.err, System.in, false), new TubConnector()));
    }

    /** Runs flappclient in-process (for tests): returns the exit status instead of exiting. */
    static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
        return run(args, new ClientIo(out, err, in, false), new TubConnector());
    }

    static int run(String[] args, ClientIo io, ServiceConnector connector) {
        FlappClient quickRoot = new FlappClient(io, connector);
        Callable<Integer> quick = QuickCommandLine.commandFor(args, quickRoot);
        if (quick != null) {
            try {
                int status = quick.call();
                io.out().flush();
                io.err().flush();
                return status;
            } catch (UsageException e) {
                // nothing has happened yet (usage is checked first): picocli reports it with usage text
            } catch (Exception e) {
                int status = quickRoot.handleFailure(e, null);
                io.out().flush();
                io.err().flush();
                return status;
            }
        }
        return runWithPicocli(args, io, connector);
    }

    /** The full parser: help, version, usage errors, and every command line the quick path refuses. */
    static int runWithPicocli(String[] args, ClientIo io, ServiceConnector connector) {
        FlappClient root = new FlappClient(io, connector);
        CommandLine commandLine = new CommandLine(root);
        commandLine.setOut(new PrintWriter(io.out(), true));
        commandLine.setErr(new PrintWriter(io.err(), true));
        commandLine.setParameterExceptionHandler(FlappClient::handleUsageError);
        commandLine.setExecutionExceptionHandler(
                (e, failed, parseResult) -> root.handleFailure(e, failed));
        int status = commandLine.execute(args);
        io.out().flush();
        io.err().flush();
        return status;
    }

    /** No subcommand: Python checks for the FURL first, then for the command. */
    @Override
    public Integer call() throws Exception {
        furlSource().resolve();
        throw new UsageException("must specify a command (upload-file or run-command)");
    }

    ClientIo io() {
        return io;
    }

    /** Sets the global options when {@link QuickCommandLine} parsed them instead of picocli. */
    void setGlobalOptions(String furl, String furlFile, double connectTimeoutSeconds, boolean verbose) {
        this.furl = furl;
        this.furlFile = furlFile;
        this.connectTimeoutSeconds = connectTimeoutSeconds;
        this.verbose = verbose;
    }

    FurlSource furlSource() throws UsageException {
        if (furl != null && furlFile != null) {
            throw new UsageException("give either --furl or --furlfile, not both");
        }
        return new FurlSource(furl, furlFile);
    }

    Duration connectTimeout() throws UsageException {
        if (!(connectTimeoutSeconds > 0) || connectTimeoutSeconds > 1e6) {
            throw new UsageException("--connect-timeout must be a positive number of seconds, got "
                    + connectTimeoutSeconds);
        }
        return Duration.ofMillis(Math.max(1, Math.round(connectTimeoutSeconds * 1000)));
    }

    boolean verbose() {
        return verbose;
    }

    /** Connects to the service {@code furlText} names; the RPC engine is first loaded here. */
    ServiceConnector.ServiceConnection connect(String furlText) throws UsageException, ClientFailure {
        Duration timeout = connectTimeout();
        if (verbose) {
            VerboseLogging.enable(io.err());
        }
        return connector.connect(furlText, timeout);
    }

    private static int handleUsageError(ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched
                && failed.getCommandSpec().parent() == null && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().get(0).startsWith("-")) {
            // a word where the subcommand belongs: say so, as Python's "Unknown command"
            return printUsageError(failed, "unknown command '" + unmatched.getUnmatched().get(0)
                    + "' (the commands are upload-file and run-command)");
        }
        return printUsageError(failed, e.getMessage());
    }

    private int handleFailure(Exception e, CommandLine failed) {
        if (e instanceof UsageException) {
            return printUsageError(failed, e.getMessage());
        }
        return new ErrorReporter(io.err(), verbose).report(e);
    }

    private static int printUsageError(CommandLine commandLine, String message) {
        PrintWriter err = commandLine.getErr();
        err.println(ErrorReporter.PREFIX + ErrorReporter.oneLine(message));
        err.print("Usage: " + commandLine.getHelp().synopsis(0));
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitStatus.USAGE;
    }

    /** {@code --version}: this client's version and the Foolscap version it speaks with. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "flappclient (Flapp) " + projectVersion(),
                "Foolscap version: 21.7.0 (wire-compatible)",
            };
        }

        private static String projectVersion() {
            Properties properties = new Properties();
            try (InputStream in = FlappClient.class.getResourceAsStream("flappclient-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                // fall through to "unknown"
            }
            return properties.getProperty("version", "unknown");
        }
    }
}
