package org.flapp.services.command;

import java.util.Arrays;
import java.util.List;

/**
 * How a command ended, exactly: a normal exit with its code, death by a signal, or a failure
 * to start it (its working directory or executable missing, not executable). This is what the
 * wait-status wrapper records, because the JDK alone cannot tell {@code exit 137} from
 * {@code kill -9}.
 */
record ProcessOutcome(Integer signal, Integer exitCode, ExecFailure execError) {
    static final int EXEC_FAILURE_EXIT_CODE = 1;

    static ProcessOutcome exited(int code) {
        return new ProcessOutcome(null, code, null);
    }

    static ProcessOutcome signaled(int signal) {
        return new ProcessOutcome(signal, null, null);
    }

    /**
     * The command could not be started. Reported as exit code 1 with a message on stderr, as
     * Python's server does (there the forked child prints a traceback and exits 1).
     */
    static ProcessOutcome execFailed(ExecFailure error) {
        return new ProcessOutcome(null, EXEC_FAILURE_EXIT_CODE, error);
    }

    /**
     * Reads the wrapper's line ({@code exited N}, {@code signaled N}, {@code execfailed ERRNO
     * KIND NAME-HEX TEXT}); falls back on the JDK's exit value when the wrapper itself died before writing it
     * (then a value above 128 can only mean the wrapper was killed by a signal).
     */
    static ProcessOutcome parse(String line, int wrapperExitValue) {
        String[] words = line.strip().split(" ", 2);
        try {
            switch (words[0]) {
                case "exited" -> {
                    return exited(Integer.parseInt(words[1]));
                }
                case "signaled" -> {
                    return signaled(Integer.parseInt(words[1]));
                }
                case "execfailed" -> {
                    return execFailed(ExecFailure.parse(words[1]));
                }
                default -> {
                    // empty or damaged: fall through
                }
            }
        } catch (RuntimeException damaged) {
            // fall through to the exit value
        }
        return wrapperExitValue > 128 ? signaled(wrapperExitValue - 128) : exited(wrapperExitValue);
    }

    /** The arguments of the {@code done(signal, exitcode)} call. */
    List<Object> doneArguments() {
        Long sig = signal == null ? null : Long.valueOf(signal);
        Long code = exitCode == null ? null : Long.valueOf(exitCode);
        return Arrays.asList(sig, code);
    }
}
