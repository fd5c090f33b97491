package org.flapp.app;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the list of classes this server JVM loaded until it served, for the launcher's
 * class-data-sharing archive of the server: the launcher starts a server that has no archive
 * yet with {@code -XX:DumpLoadedClassList=LIST -Dflapp.cds.classlist=LIST}, the JVM appends
 * each class to LIST as it loads it, and once the server serves and its TLS contexts are built
 * this copies what LIST holds then to {@code LIST-without-.classlist.ready.classlist}. The next
 * start dumps a static archive of those classes, checks it and takes it into use.
 *
 * <p>Why not the whole list, or an archive written at exit ({@code -XX:ArchiveClassesAtExit},
 * as before): an archive is resident whole in every JVM that maps it, so one written at exit
 * held all the first server's life had loaded (uploads, commands, a whole benchmark) and every
 * later start paid for it from its first moment (idle RSS 67.5 against 61.9 MiB for an archive
 * of start-up alone). A dump by jcmd once the server serves (VM.cds dynamic_dump) was tried: it
 * left the recording server 40 MiB larger for its whole life.
 */
final class ClassListSnapshot {
    static final String PROPERTY = "flapp.cds.classlist";
    static final String LIST_SUFFIX = ".classlist";
    static final String READY_SUFFIX = ".ready.classlist";
    private static final Logger log = LoggerFactory.getLogger(ClassListSnapshot.class);

    private ClassListSnapshot() {}

    /** The list the JVM is writing, if the launcher asked for a snapshot of it. */
    static Optional<Path> requested() {
        String file = System.getProperty(PROPERTY, "");
        return file.endsWith(LIST_SUFFIX) ? Optional.of(Path.of(file)) : Optional.empty();
    }

    /** Where the snapshot of {@code list} goes. */
    static Path readyFile(Path list) {
        String name = list.getFileName().toString();
        return list.resolveSibling(name.substring(0, name.length() - LIST_SUFFIX.length()) + READY_SUFFIX);
    }

    /**
     * Copies the whole lines {@code list} holds now (the JVM may be writing one more) to
     * {@link #readyFile}, through a private name so the launcher never sees half a file. File
     * I/O: not for a network thread.
     */
    static void take(Path list) {
        Path ready = readyFile(list);
        Path partial = ready.resolveSibling(ready.getFileName() + ".part");
        try {
            byte[] lines = Files.readAllBytes(list);
            int end = lines.length;
            while (end > 0 && lines[end - 1] != '\n') {
                end--;
            }
            if (end == 0) {
                return;
            }
            try (var out = Files.newOutputStream(partial)) {
                out.write(lines, 0, end);
            }
            try {
                Files.move(partial, ready, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, ready, StandardCopyOption.REPLACE_EXISTING);
            }
            log.debug("classes loaded until serving listed in {} for the next start's archive", ready);
        } catch (IOException e) {
            log.info("no class list kept for the server's archive: {}", e.toString());
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the launcher ignores a .part file
            }
        }
    }
}
