package org.flapp.services.upload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.Set;
import org.flapp.services.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code .partial} files being written right now, across every upload service of the
 * server (services are rebuilt at every lookup, so this lives in the factory). Two uploads of
 * the same name at once would write into the same partial file; the second one is refused
 * instead.
 *
 * <p>With a journal file, the set is also kept on disk (paths separated by NUL, which no path
 * holds), so that the next start can remove the partial files of uploads a crash interrupted,
 * and only those: a complete file that happens to be named {@code x.partial} is never in it
 * ({@link UploadLeftovers}). The journal is rewritten (atomically) at every claim and release;
 * both run on the upload executor. Thread-safe.
 */
public final class ActiveUploads {
    private static final Logger log = LoggerFactory.getLogger(ActiveUploads.class);

    private final Set<Path> partials = new LinkedHashSet<>();
    private final Path journal;

    /** Without a journal (tests, embedded use). */
    public ActiveUploads() {
        this(null);
    }

    /** @param journal where the set is kept on disk, or null */
    public ActiveUploads(Path journal) {
        this.journal = journal;
    }

    /** Claims {@code partial}; false if another upload holds it. */
    synchronized boolean claim(Path partial) {
        if (!partials.add(partial)) {
            return false;
        }
        save();
        return true;
    }

    synchronized void release(Path partial) {
        if (partials.remove(partial)) {
            save();
        }
    }

    /** Number of uploads in progress. */
    public synchronized int size() {
        return partials.size();
    }

    private void save() {
        if (journal == null) {
            return;
        }
        StringBuilder text = new StringBuilder();
        partials.forEach(p -> text.append(p).append('\0'));
        Path tmp = journal.resolveSibling(journal.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, journal, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the uploads go on; only a crash's leftovers might then stay behind
            log.warn("cannot record the uploads in progress in {}: {}", journal, LogText.escape(e.toString()));
        }
    }
}
