package org.flapp.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flappserver start BASEDIR [twistd options] [--max-commands N]} (options may also come
 * before BASEDIR): by default launches the server in the background and returns once it accepts
 * connections ({@link DaemonLauncher}); with {@code --nodaemon} (or twistd's {@code -n}) runs it in
 * this process until SIGTERM ({@link ServerMain}). twistd's options: {@link TwistdOptions}.
 */
@Command(name = "start", description = "launch an app server", mixinStandardHelpOptions = true,
        customSynopsis = "flappserver start BASEDIR [twistd options] [--max-commands N]")
final class StartCommand extends Subcommand implements Callable<Integer> {
    @Mixin
    TwistdOptions twistd;

    /** Set by the launcher for its background child: where to say it serves. */
    @Option(names = "--ready-file", hidden = true)
    Path readyFile;

    /**
     * Set by the launcher script when it detached this process itself (setsid, umask, working
     * directory, output to the log): {@link #detached} tells the script the outcome through this file.
     */
    @Option(names = "--detached", hidden = true)
    Path detachedReadyFile;

    @Option(names = "--max-commands", paramLabel = "N",
            description = "most commands all run-command services may run at once (default: BASEDIR/max-commands, else "
                    + org.flapp.services.command.RunningCommands.DEFAULT_CAPACITY + ")")
    Integer maxCommands;

    @Parameters(paramLabel = "BASEDIR")
    Path basedir;

    @Override
    public Integer call() throws CliFailure {
        if (detachedReadyFile != null) {
            return detached(detachedReadyFile);
        }
        return start(this, twistd, basedir, maxCommands, Optional.ofNullable(readyFile));
    }

    /**
     * {@code start} in one JVM: the launcher script started this process as the background server
     * (in a session of its own, stdin from /dev/null, stdout and stderr appended to the log file,
     * the umask applied, the working directory the run directory) and waits for {@code ready}.
     * The checks {@link DaemonLauncher} makes before it launches a server are made here; when one
     * fails, its message goes into {@code ready} for the script to print, and the status is 1.
     * Otherwise this is the server, which writes its pid into {@code ready} once it serves.
     */
    private int detached(Path ready) {
        StringWriter problems = new StringWriter();
        PrintWriter problem = new PrintWriter(problems);
        Optional<TwistdOptions.Settings> child = Optional.empty();
        try {
            child = DaemonLauncher.check(basedir, settings(twistd, basedir), problem);
        } catch (CliFailure e) {
            problem.println(e.getMessage());
        }
        OptionalInt applied = Umask.current();
        if (child.isPresent() && applied.isPresent() && applied.getAsInt() != child.get().umask().getAsInt()) {
            problem.println("Error: the launcher applied umask " + Umask.format(applied.getAsInt()) + " but "
                    + Umask.format(child.get().umask().getAsInt()) + " is asked; start with FLAPP_DETACH=off");
            child = Optional.empty();
        }
        if (child.isEmpty()) {
            problem.flush();
            try {
                Files.writeString(ready, problems.toString(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err().print(problems); // the log: the script shows its last lines
            }
            return 1;
        }
        OptionalInt cap = maxCommands == null ? OptionalInt.empty() : OptionalInt.of(maxCommands);
        return ServerMain.run(basedir, child.get(), Optional.of(ready), cap, out(), err());
    }

    /** What the options ask, or the usage error (twistd's own words for a daemon told to log to stdout). */
    static TwistdOptions.Settings settings(TwistdOptions twistd, Path basedir) throws CliFailure {
        try {
            return twistd.settings(basedir, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage().startsWith("Daemons") ? e.getMessage() : "Error: " + e.getMessage());
        }
    }

    /** {@code start}, and the second half of {@code restart}. */
    static int start(Subcommand command, TwistdOptions twistd, Path basedir, Integer maxCommands, Optional<Path> readyFile)
            throws CliFailure {
        TwistdOptions.Settings settings = settings(twistd, basedir);
        if (readyFile.isEmpty()) {
            twistd.ignored().forEach(command.err()::println);
        }
        OptionalInt cap = maxCommands == null ? OptionalInt.empty() : OptionalInt.of(maxCommands);
        if (settings.nodaemon()) {
            if (readyFile.isEmpty()) {
                command.err().println("Launching Server...");
                command.err().flush();
            }
            return ServerMain.run(basedir, settings, readyFile, cap, command.out(), command.err());
        }
        List<String> childOptions = new ArrayList<>();
        if (maxCommands != null) {
            childOptions.addAll(List.of("--max-commands", maxCommands.toString()));
        }
        return new DaemonLauncher(DaemonLauncher.DEFAULT_TIMEOUT, childOptions)
                .launch(basedir, settings, command.out(), command.err());
    }
}
