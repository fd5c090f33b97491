package org.flapp.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flapp.config.BaseDirectory;
import org.flapp.config.ConfigException;
import org.flapp.config.ServiceEntry;
import org.flapp.services.BadServiceArguments;
import org.flapp.services.LogText;
import org.flapp.services.options.UploadFileOptions;
import org.flapp.services.upload.UploadLeftovers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a server does before it serves, to recover from a crash of the previous run: removes the
 * partial files of the uploads that run did not finish, in the targets of the configured
 * upload-file services ({@link UploadLeftovers}). Problems are logged, never fatal.
 */
final class StartupCleanup {
    private static final Logger log = LoggerFactory.getLogger(StartupCleanup.class);

    private StartupCleanup() {}

    static void removeUploadLeftovers(BaseDirectory dir, Path journal) {
        List<Path> targets = new ArrayList<>();
        try {
            for (ServiceEntry entry : dir.servicesFile().read().values()) {
                if (entry.type().equals("upload-file")) {
                    try {
                        targets.add(UploadFileOptions.parse(entry.args(), dir.path()).targetDir());
                    } catch (BadServiceArguments e) {
                        // a broken entry serves nothing, so it has no leftovers either
                    }
                }
            }
            int removed = UploadLeftovers.remove(journal, targets);
            if (removed > 0) {
                log.info("removed {} leftover(s) of uploads interrupted by the last run's end", removed);
            }
        } catch (ConfigException | IOException e) {
            log.warn("could not clean up after the last run: {}", LogText.escape(e.getMessage()));
        }
    }
}
