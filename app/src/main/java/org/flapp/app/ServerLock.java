package org.flapp.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An exclusive lock on {@code flappserver.lock} in the base directory, held by a running Flapp
 * server for its whole life. The kernel releases it when the process dies, however it dies
 * ({@code kill -9} included, and before the dead process is reaped), so unlike a pid file it can
 * never be stale. Python's twistd takes no such lock and ignores the file.
 *
 * <p>Thread-safe; one instance per running server.
 */
final class ServerLock {
    static final String FILE_NAME = "flappserver.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private ServerLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock; empty if another process (or this one) holds it. */
    static Optional<ServerLock> acquire(Path basedir) throws IOException {
        FileChannel channel = FileChannel.open(basedir.resolve(FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new ServerLock(channel, lock));
            }
        } catch (OverlappingFileLockException held) {
            // this JVM serves the directory already
        }
        channel.close();
        return Optional.empty();
    }

    /** True while a Flapp server holds the lock of {@code basedir}. */
    static boolean isHeld(Path basedir) {
        try (FileChannel channel = FileChannel.open(basedir.resolve(FILE_NAME), StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Releases the lock (at shutdown; dying releases it too). */
    void release() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process is about to exit, which releases it anyway
        }
    }
}
