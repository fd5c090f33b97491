package org.flapp.services.upload;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.flapp.rpc.PythonText;
import org.flapp.rpc.RemoteException;

/**
 * Where one upload goes, held by an open handle on the directory the file is written in, so that
 * no later change of the tree by name (a subdirectory swapped for a symbolic link, a rename race)
 * can move the upload elsewhere. The handle is reached from the target directory one component at
 * a time, each opened relative to the previous handle with {@code O_NOFOLLOW}
 * ({@link SecureDirectoryStream}): a symbolic link anywhere on the way refuses the upload, and
 * whatever is swapped in after a component was opened is never looked at again. The
 * {@code .partial} file is created, renamed and deleted relative to the same handle; a symbolic
 * link as the final name is harmless, since the rename replaces the link itself.
 *
 * <p>Missing subdirectories are made by {@link DirectoryMaker}, also without a path by name below
 * the target. Blocking file-system work: use it on the upload executor, never on a network
 * thread. Not thread-safe: one transfer uses it, one step at a time.
 */
final class UploadDestination implements Closeable {
    static final String PARTIAL_SUFFIX = ".partial";
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final SecureDirectoryStream<Path> directory;
    private final Path fileName;
    private final Path partialName;
    private final Path partialKey;
    private final String shownName;

    private UploadDestination(SecureDirectoryStream<Path> directory, String fileName, Path partialKey,
            String shownName) {
        this.directory = directory;
        this.fileName = Path.of(fileName);
        this.partialName = Path.of(fileName + PARTIAL_SUFFIX);
        this.partialKey = partialKey;
        this.shownName = shownName;
    }

    /**
     * Opens the directory of {@code name} below {@code targetDir}, making missing subdirectories.
     *
     * @throws RemoteException when the name passes through a symbolic link or a non-directory, or
     *     names an existing directory
     */
    static UploadDestination open(Path targetDir, UploadName name) throws IOException, RemoteException {
        Path root = targetDir.toRealPath();
        String shown = PythonText.repr(name.toString());
        SecureDirectoryStream<Path> current = openRoot(root);
        try {
            Path walked = Path.of("");
            for (String component : name.directories()) {
                walked = walked.resolve(component);
                SecureDirectoryStream<Path> next = DirectoryMaker.openOrMake(root, current, component,
                        name, walked);
                current.close();
                current = next;
            }
            BasicFileAttributes existing = attributes(current, Path.of(name.fileName()));
            if (existing != null && existing.isDirectory()) {
                throw RemoteException.python("builtins.IsADirectoryError", "upload name " + shown
                        + " is an existing directory");
            }
            UploadDestination destination = new UploadDestination(current, name.fileName(),
                    root.resolve(name + PARTIAL_SUFFIX), shown);
            current = null;
            return destination;
        } finally {
            if (current != null) {
                current.close();
            }
        }
    }

    /** Opens a target directory (by its real path, which the administrator chose) as a handle. */
    static SecureDirectoryStream<Path> openRoot(Path root) throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(root);
        if (stream instanceof SecureDirectoryStream<Path> secure) {
            return secure;
        }
        stream.close();
        throw new IOException("this platform cannot open " + root + " as a secure directory handle");
    }

    /** The attributes of {@code entry} itself (never what a link points to), or null if absent. */
    static BasicFileAttributes attributes(SecureDirectoryStream<Path> dir, Path entry) throws IOException {
        try {
            return dir.getFileAttributeView(entry, BasicFileAttributeView.class, NOFOLLOW).readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The same partial file has the same key whichever service writes it (see {@link ActiveUploads}). */
    Path partialKey() {
        return partialKey;
    }

    /**
     * Creates the {@code .partial} file, readable and writable by the owner only from its first
     * byte; a stale partial file (or a link planted in its place) is removed first, never followed.
     */
    FileChannel createPartial() throws IOException {
        deletePartial();
        return (FileChannel) directory.newByteChannel(partialName,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    /** Removes the partial file if it is there. */
    void deletePartial() throws IOException {
        try {
            directory.deleteFile(partialName);
        } catch (NoSuchFileException e) {
            // nothing to remove
        }
    }

    /**
     * Gives the partial file its final mode, renames it over the final name (atomically, within
     * the directory handle) and forces the directory to disk.
     */
    void commit(int mode) throws IOException {
        directory.getFileAttributeView(partialName, PosixFileAttributeView.class, NOFOLLOW)
                .setPermissions(UploadTransfer.permissions(mode));
        directory.move(partialName, directory, fileName);
        try (FileChannel self = (FileChannel) directory.newByteChannel(Path.of("."),
                Set.of(StandardOpenOption.READ))) {
            self.force(true);
        }
    }

    /** The upload's name, quoted for a message or a log line. */
    String shownName() {
        return shownName;
    }

    @Override
    public void close() throws IOException {
        directory.close();
    }
}
