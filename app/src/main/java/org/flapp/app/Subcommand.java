package org.flapp.app;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: its output streams, taken from the picocli command line, or
 * given directly when the command line was read without picocli ({@link QuickStartCommandLine}).
 */
abstract class Subcommand {
    @Spec
    CommandSpec spec;

    private PrintWriter out;
    private PrintWriter err;

    /** The streams of a command that picocli did not fill in. */
    void useStreams(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    PrintWriter out() {
        return out != null ? out : spec.commandLine().getOut();
    }

    PrintWriter err() {
        return err != null ? err : spec.commandLine().getErr();
    }
}
