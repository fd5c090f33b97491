package org.flapp.client;

/**
 * The command line is incomplete or contradictory in a way picocli's own parsing cannot see
 * (no FURL anywhere, a furlfile without a {@code pb://} line, no subcommand). flappclient prints
 * the message with a usage hint and exits with {@link ExitStatus#USAGE}.
 */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
