package org.flapp.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code twistd.pid} file of a base directory: the decimal process id of the running server,
 * no newline, exactly as Twisted's {@code twistd} writes it. Sharing the name and format means
 * Python's {@code flappserver stop} stops a server Flapp started and the reverse, and each refuses
 * to start a second server next to the other's.
 *
 * <p>Stateless apart from the path; not synchronised: the server process is its only writer.
 */
final class PidFile {
    static final String FILE_NAME = "twistd.pid";
    /** A pid file is a few digits; anything longer is not one. */
    private static final long MAX_BYTES = 64;

    private final Path basedir;
    private final Path file;

    PidFile(Path baseDirectory) {
        this(baseDirectory, baseDirectory.resolve(FILE_NAME));
    }

    /** A pid file elsewhere than {@code twistd.pid} (twistd's {@code --pidfile}). */
    PidFile(Path baseDirectory, Path file) {
        this.basedir = baseDirectory;
        this.file = file;
    }

    Path path() {
        return file;
    }

    boolean exists() {
        return Files.exists(file);
    }

    /**
     * The recorded pid; empty when there is no file.
     *
     * @throws IOException when the file cannot be read or does not hold a pid
     */
    OptionalLong read() throws IOException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException(file + " is not a pid file (longer than " + MAX_BYTES + " bytes)");
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            try {
                long pid = Long.parseLong(text);
                if (pid <= 0) {
                    throw new NumberFormatException("not positive");
                }
                return OptionalLong.of(pid);
            } catch (NumberFormatException e) {
                throw new IOException(file + " does not hold a process id: '" + text + "'");
            }
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The server process named by the file, if the file exists and that process is alive (not a
     * zombie) and a server of this base directory: one holding its {@link ServerLock}, or one
     * that {@link ServerProcessCheck#looksLikeServerOf looks like} a server running there (a
     * Python server). So a pid file left by a killed server, or naming a pid some unrelated
     * process took later, never blocks a start nor gets that process signalled.
     */
    Optional<ProcessHandle> liveProcess() throws IOException {
        OptionalLong pid = read();
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid.getAsLong())
                .filter(ProcessHandle::isAlive)
                .filter(p -> !ServerProcessCheck.isZombie(p.pid()))
                .filter(p -> ServerLock.isHeld(basedir) || ServerProcessCheck.looksLikeServerOf(p.pid(), basedir));
    }

    /** Records {@code pid}, replacing the file atomically. */
    void write(long pid) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Long.toString(pid), StandardCharsets.US_ASCII);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes the file if it still names {@code pid} (a newer server may have replaced it). */
    void deleteIfOwnedBy(long pid) {
        try {
            OptionalLong recorded = read();
            if (recorded.isPresent() && recorded.getAsLong() == pid) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // an unreadable pid file is left for the operator; stop handles it
        }
    }

    /** Deletes the file, whatever it holds. */
    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing more can be done; the next start will find the process gone
        }
    }
}
