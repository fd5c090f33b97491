package org.flapp.services.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds and signals every process of the sessions our commands run in. Each command's wrapper
 * leads a session of its own ({@code wait-status.pl}), which the command and all it starts
 * inherit, even after the wrapper or the command has exited (a background {@code sleep 30 &}
 * keeps its session id when it is re-parented). So scanning {@code /proc/PID/stat} for the session
 * ids finds everything a command started, short of a process that made a new session itself.
 * Signals go through {@link ProcessHandle}, which checks the process's start time and so never
 * signals an unrelated process that reused a pid.
 *
 * <p>Stateless; reads {@code /proc} (blocking, but only at shutdown and when pruning).
 */
final class CommandSessions {
    private static final Path PROC = Path.of("/proc");

    private CommandSessions() {}

    /** The live processes (not zombies) whose session id is in {@code sessions}. */
    static List<ProcessHandle> members(Set<Long> sessions) {
        List<ProcessHandle> found = new ArrayList<>();
        scan(sessions, (pid, session) -> ProcessHandle.of(pid).ifPresent(found::add));
        return found;
    }

    /** The ids in {@code sessions} that still have a live process. */
    static Set<Long> alive(Set<Long> sessions) {
        Set<Long> found = new HashSet<>();
        scan(sessions, (pid, session) -> found.add(session));
        return found;
    }

    private interface Visitor {
        void visit(long pid, long session);
    }

    private static void scan(Set<Long> sessions, Visitor visitor) {
        if (sessions.isEmpty()) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long session = sessionOf(entry);
                if (session > 0 && sessions.contains(session)) {
                    visitor.visit(Long.parseLong(entry.getFileName().toString()), session);
                }
            }
        } catch (IOException e) {
            // no /proc: fall back to the session leaders themselves
            sessions.forEach(id -> ProcessHandle.of(id).filter(ProcessHandle::isAlive)
                    .ifPresent(leader -> visitor.visit(id, id)));
        }
    }

    /** Sends SIGTERM ({@code force}: SIGKILL) to every live member of {@code sessions}. */
    static int signal(Set<Long> sessions, boolean force) {
        List<ProcessHandle> members = members(sessions);
        for (ProcessHandle member : members) {
            if (force) {
                member.destroyForcibly();
            } else {
                member.destroy();
            }
        }
        return members.size();
    }

    /** The session id in {@code /proc/PID/stat}, or -1 (gone, a zombie, unreadable). */
    private static long sessionOf(Path procEntry) {
        try {
            String stat = Files.readString(procEntry.resolve("stat"), StandardCharsets.ISO_8859_1);
            // "PID (COMM) STATE PPID PGRP SESSION ...": COMM may hold spaces and parentheses
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 5);
            if (fields.length < 4 || fields[0].equals("Z")) {
                return -1;
            }
            return Long.parseLong(fields[3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
