package org.flapp.services.command;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The commands started by every run-command service of a server and not yet finished, so that
 * shutting the server down can stop them. Thread-safe.
 */
public final class RunningCommands {
    private final Set<CommandProcess> processes = ConcurrentHashMap.newKeySet();

    void add(CommandProcess process) {
        processes.add(process);
    }

    void remove(CommandProcess process) {
        processes.remove(process);
    }

    /** Number of commands still running. */
    public int size() {
        return processes.size();
    }

    /** Sends SIGTERM to every running command (through its wrapper). */
    public void terminateAll() {
        processes.forEach(CommandProcess::terminate);
    }
}
