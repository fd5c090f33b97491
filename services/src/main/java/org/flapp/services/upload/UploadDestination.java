package org.flapp.services.upload;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.flapp.rpc.PythonText;
import org.flapp.rpc.RemoteException;

/**
 * Where one upload goes: the directory (created as needed when subdirectories are allowed), the
 * final file and its {@code .partial} sibling. Preparing it walks the name's directories one
 * component at a time without following symbolic links, and checks that the real path of the
 * directory reached is still inside the target directory, so neither a symlinked subdirectory
 * nor a {@code ..} trick can lead outside. (A symlink as the final name is harmless: the rename
 * replaces the link itself, never what it points to; the {@code .partial} file is opened with
 * {@code O_NOFOLLOW} by {@link UploadTransfer}.)
 *
 * <p>Does blocking file-system work: call it on the upload executor, never on a network thread.
 */
record UploadDestination(Path directory, Path target, Path partial) {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    static UploadDestination prepare(Path targetDir, UploadName name)
            throws IOException, RemoteException {
        Path root = targetDir.toRealPath();
        Path directory = root;
        for (String component : name.directories()) {
            Path next = directory.resolve(component);
            if (Files.isSymbolicLink(next)) {
                throw UploadName.insecure(name.toString(), "passes through a symbolic link ("
                        + root.relativize(next) + ")");
            }
            if (!Files.exists(next, NOFOLLOW)) {
                try {
                    Files.createDirectory(next);
                } catch (FileAlreadyExistsException raced) {
                    // another upload created it first: checked below like any existing entry
                }
            }
            if (!Files.isDirectory(next, NOFOLLOW)) {
                throw new RemoteException("builtins.NotADirectoryError", "upload name "
                        + PythonText.repr(name.toString()) + ": " + root.relativize(next)
                        + " exists and is not a directory");
            }
            directory = next;
        }
        if (!directory.toRealPath().startsWith(root)) {
            // only possible if the tree changed under us between the checks above
            throw UploadName.insecure(name.toString(), "leads outside the target directory");
        }
        Path target = directory.resolve(name.fileName());
        if (Files.isDirectory(target, NOFOLLOW)) {
            throw new RemoteException("builtins.IsADirectoryError", "upload name "
                    + PythonText.repr(name.toString()) + " is an existing directory");
        }
        return new UploadDestination(directory, target,
                directory.resolve(name.fileName() + ".partial"));
    }
}
