package org.flapp.client;

/**
 * The exit statuses of flappclient. They are those of Python Foolscap 21.7.0's flappclient, so
 * scripts written for it keep working; the run-command status otherwise is the remote command's
 * own exit code.
 */
public final class ExitStatus {
    /** The operation succeeded (and, for run-command, the command exited 0). */
    public static final int OK = 0;
    /** The command line was wrong: no FURL, no subcommand, an unknown option. */
    public static final int USAGE = 1;
    /** run-command: the connection was lost before the command reported that it finished. */
    public static final int CONNECTION_LOST = 3;
    /** run-command: the remote command was killed by a signal. */
    public static final int SIGNALLED = 127;
    /** Any other failure (Python's flappclient exits with -1, seen by the shell as 255). */
    public static final int FAILURE = 255;

    private ExitStatus() {}
}
