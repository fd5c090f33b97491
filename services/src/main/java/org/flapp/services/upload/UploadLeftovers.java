package org.flapp.services.upload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.flapp.services.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes, when a server starts, what uploads interrupted by a crash of the previous run left in
 * the upload targets: the {@code .partial} files named in the journal of {@link ActiveUploads}
 * (regular files only, reached by directory handle without following links, as uploads reach
 * them, and only inside a configured target), and empty staging directories of
 * {@link DirectoryMaker} at the top of each target. Never a complete file: a finished upload is
 * renamed away from its partial name before it leaves the journal.
 *
 * <p>Stateless; blocking file-system work (call it before serving).
 */
public final class UploadLeftovers {
    private static final Logger log = LoggerFactory.getLogger(UploadLeftovers.class);

    private UploadLeftovers() {}

    /**
     * Cleans up after a previous run, then empties the journal.
     *
     * @param journal the journal file of the previous run ({@link ActiveUploads})
     * @param targetDirs the target directories of the configured upload-file services
     * @return how many files and directories were removed
     */
    public static int remove(Path journal, Collection<Path> targetDirs) throws IOException {
        List<Path> roots = new ArrayList<>();
        for (Path target : targetDirs) {
            try {
                roots.add(target.toRealPath());
            } catch (IOException e) {
                // a target that does not exist has no leftovers
            }
        }
        int removed = 0;
        for (Path root : roots) {
            removed += removeStaging(root);
        }
        String text;
        try {
            text = Files.readString(journal, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return removed;
        }
        for (String entry : text.split("\0")) {
            if (entry.isEmpty()) {
                continue;
            }
            Path partial = Path.of(entry);
            for (Path root : roots) {
                if (partial.startsWith(root) && !partial.equals(root)) {
                    removed += removePartial(root, root.relativize(partial));
                    break;
                }
            }
        }
        Files.deleteIfExists(journal);
        return removed;
    }

    private static int removePartial(Path root, Path relative) {
        String name = relative.getFileName().toString();
        if (!name.endsWith(UploadDestination.PARTIAL_SUFFIX)) {
            return 0;
        }
        try {
            SecureDirectoryStream<Path> dir = UploadDestination.openRoot(root);
            try {
                for (int i = 0; i < relative.getNameCount() - 1; i++) {
                    SecureDirectoryStream<Path> next = dir.newDirectoryStream(relative.getName(i),
                            LinkOption.NOFOLLOW_LINKS);
                    dir.close();
                    dir = next;
                }
                BasicFileAttributes attributes = UploadDestination.attributes(dir, Path.of(name));
                if (attributes == null || !attributes.isRegularFile()) {
                    return 0;
                }
                dir.deleteFile(Path.of(name));
                log.info("removed {} in {}, left by an upload the last run did not finish",
                        LogText.quote(relative.toString()), root);
                return 1;
            } finally {
                dir.close();
            }
        } catch (IOException e) {
            // gone already, or the path changed: nothing of ours to remove there
            return 0;
        }
    }

    private static int removeStaging(Path root) {
        int removed = 0;
        try (SecureDirectoryStream<Path> dir = UploadDestination.openRoot(root);
                DirectoryStream<Path> staging = Files.newDirectoryStream(root, DirectoryMaker.STAGING_PREFIX + "*")) {
            for (Path entry : staging) {
                try {
                    dir.deleteDirectory(entry.getFileName());  // only if empty: then it is ours
                    removed++;
                } catch (IOException e) {
                    // not empty or not a directory: not a staging directory of ours
                }
            }
        } catch (IOException e) {
            log.warn("cannot clean up {}: {}", root, LogText.escape(e.toString()));
        }
        return removed;
    }
}
