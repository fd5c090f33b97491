package org.flapp.services.command;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.flapp.rpc.RemoteException;

/**
 * The commands started by every run-command service of a server: the ones not yet finished,
 * limited to {@link #capacity()} at once (a FURL holder must not be able to start any number of
 * processes and threads), and the sessions they ran in, so that stopping the server can stop
 * everything they started ({@link CommandSessions}). Thread-safe.
 */
public final class RunningCommands {
    /** The default server-wide limit on commands running at once. */
    public static final int DEFAULT_CAPACITY = 64;
    /** The error type of a refused command, a Python built-in as clients expect. */
    static final String BUSY = "builtins.RuntimeError";

    private final int capacity;
    private final Set<CommandProcess> processes = new HashSet<>();
    /** Session ids of commands started and possibly still having processes; pruned as they end. */
    private final Set<Long> sessions = new HashSet<>();
    private int reserved;

    public RunningCommands() {
        this(DEFAULT_CAPACITY);
    }

    /** @param capacity how many commands may run at once (at least 1) */
    public RunningCommands(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the command limit must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Takes a slot for a command about to start; release it with {@link #add} then
     * {@link #remove}, or with {@link #unreserve} if it could not start.
     *
     * @throws RemoteException when {@link #capacity()} commands are running already
     */
    synchronized void reserve() throws RemoteException {
        if (reserved >= capacity) {
            throw RemoteException.python(BUSY, "flappserver: too many commands running at once (the limit is "
                    + capacity + "); try again later");
        }
        reserved++;
    }

    synchronized void unreserve() {
        reserved--;
    }

    synchronized void add(CommandProcess process) {
        processes.add(process);
        if (sessions.size() >= 4 * capacity) {
            sessions.retainAll(CommandSessions.alive(sessions));
        }
        sessions.add(process.session());
    }

    void remove(CommandProcess process) {
        synchronized (this) {
            if (!processes.remove(process)) {
                return;
            }
            reserved--;
        }
        // forget a session with nothing left in it now: once empty, its id may be reused by an
        // unrelated process, which stopping the server must not signal (while a member lives,
        // the kernel does not reuse the id)
        Long session = process.session();
        if (CommandSessions.alive(Set.of(session)).isEmpty()) {
            synchronized (this) {
                sessions.remove(session);
            }
        }
    }

    /** Number of commands still running. */
    public synchronized int size() {
        return processes.size();
    }

    /**
     * Stops every process our commands started: SIGTERM to all members of their sessions, then,
     * for what is still there after {@code graceMillis}, SIGKILL. Returns once every member is
     * gone (or a few seconds after the SIGKILL).
     */
    public void stopAll(long graceMillis) {
        Set<Long> ids;
        synchronized (this) {
            ids = Set.copyOf(sessions);
        }
        CommandSessions.signal(ids, false);
        if (!waitUntilGone(ids, graceMillis)) {
            CommandSessions.signal(ids, true);
            waitUntilGone(ids, 5000);
        }
    }

    private boolean waitUntilGone(Set<Long> ids, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (size() > 0 || !CommandSessions.members(ids).isEmpty()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
