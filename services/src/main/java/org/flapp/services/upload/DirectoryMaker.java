package org.flapp.services.upload;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.flapp.rpc.PythonText;
import org.flapp.rpc.RemoteException;

/**
 * Opens one subdirectory of an upload's path relative to its parent's handle, making it when it
 * is missing. Java has no {@code mkdirat}, so a missing directory is made in two steps that never
 * resolve a name below the target by path: an empty directory is made at the top of the target
 * directory (whose path the administrator chose and an uploader cannot change) under a staging
 * name, then renamed from the target's handle into the parent's handle ({@code renameat}).
 * Directory making is serialised server-wide, so two uploads making the same directory cannot
 * replace each other's (a rename may replace an empty directory).
 *
 * <p>Stateless; blocking file-system work (upload executor only).
 */
final class DirectoryMaker {
    /** Names of the staging directories; a crashed server's leftovers are removed at start. */
    static final String STAGING_PREFIX = ".flapp-mkdir-";
    private static final Object MAKING = new Object();
    private static final SecureRandom RANDOM = new SecureRandom();

    private DirectoryMaker() {}

    /**
     * The handle of {@code component} in {@code parent}, made if missing.
     *
     * @param root the target directory's real path
     * @param walked the components so far, for messages
     * @throws RemoteException when {@code component} is a symbolic link or not a directory
     */
    static SecureDirectoryStream<Path> openOrMake(Path root, SecureDirectoryStream<Path> parent,
            String component, UploadName name, Path walked) throws IOException, RemoteException {
        Path entry = Path.of(component);
        if (UploadDestination.attributes(parent, entry) == null) {
            synchronized (MAKING) {
                if (UploadDestination.attributes(parent, entry) == null) {
                    make(root, parent, entry);
                }
            }
        }
        BasicFileAttributes attributes = UploadDestination.attributes(parent, entry);
        if (attributes != null && attributes.isSymbolicLink()) {
            throw throughLink(name, walked);
        }
        try {
            return parent.newDirectoryStream(entry, LinkOption.NOFOLLOW_LINKS);
        } catch (NotDirectoryException e) {
            throw RemoteException.python("builtins.NotADirectoryError", "upload name "
                    + PythonText.repr(name.toString()) + ": " + walked + " exists and is not a directory");
        } catch (NoSuchFileException e) {
            throw new IOException(walked + " vanished while the upload started");
        } catch (FileSystemException e) {
            // O_NOFOLLOW refuses a link swapped in after the check above (ELOOP)
            BasicFileAttributes now = UploadDestination.attributes(parent, entry);
            if (now != null && now.isSymbolicLink()) {
                throw throughLink(name, walked);
            }
            throw e;
        }
    }

    private static RemoteException throughLink(UploadName name, Path walked) {
        return UploadName.insecure(name.toString(), "passes through a symbolic link (" + walked + ")");
    }

    private static void make(Path root, SecureDirectoryStream<Path> parent, Path entry) throws IOException {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        Path staging = Path.of(STAGING_PREFIX + HexFormat.of().formatHex(random));
        Files.createDirectory(root.resolve(staging));
        try (SecureDirectoryStream<Path> top = UploadDestination.openRoot(root)) {
            try {
                top.move(staging, parent, entry);
            } catch (IOException e) {
                top.deleteDirectory(staging);
                if (UploadDestination.attributes(parent, entry) == null) {
                    throw e;
                }
                // a local user made the entry meanwhile: it is checked like any existing one
            }
        }
    }
}
