package org.flapp.services.upload;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code .partial} files being written right now, across every upload service of the
 * server (services are rebuilt at every lookup, so this lives in the factory). Two uploads of
 * the same name at once would write into the same partial file; the second one is refused
 * instead. Thread-safe.
 */
public final class ActiveUploads {
    private final Set<Path> partials = ConcurrentHashMap.newKeySet();

    /** Claims {@code partial}; false if another upload holds it. */
    boolean claim(Path partial) {
        return partials.add(partial);
    }

    void release(Path partial) {
        partials.remove(partial);
    }

    /** Number of uploads in progress. */
    public int size() {
        return partials.size();
    }
}
