package org.flapp.packaging;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put what the tests inspect (system properties set by the packaging pom). */
final class Built {
    private Built() {
    }

    static Path target() {
        return Path.of(System.getProperty("flapp.packaging.target", "target"));
    }

    static String version() {
        return System.getProperty("flapp.version", "0.1.0-SNAPSHOT");
    }

    static Path repo() {
        return Path.of(System.getProperty("flapp.repo.dir", ".."));
    }

    static Path tarball() {
        return existing(target().resolve("flapp-" + version() + ".tar.gz"));
    }

    static Path deb() {
        return existing(target().resolve("flapp_" + version() + "_all.deb"));
    }

    private static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(file + " was not built (the tests run after 'package')");
        }
        return file;
    }
}
