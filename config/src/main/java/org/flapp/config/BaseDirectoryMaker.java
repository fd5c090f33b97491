package org.flapp.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.flapp.rpc.furl.BadFurlException;
import org.flapp.rpc.furl.Furl;

/**
 * Makes a new {@link BaseDirectory}: checks the settings, creates the directory (mode 0700) and
 * writes its files, {@code flappserver.tac} last so that "flappserver start" never finds a
 * half-made directory. Blocking file-system work. Stateless.
 */
final class BaseDirectoryMaker {
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private BaseDirectoryMaker() {}

    /**
     * Makes {@code dir} (refusing an existing one, creating missing parents) with every file of a
     * new base directory for the Tub {@code tubId} whose {@code tub.pem} text is {@code pem}. On
     * failure nothing is left behind.
     */
    static void make(Path dir, CreateSettings settings, String tubId, String pem) throws ConfigException {
        checkSettings(settings);
        String furlPrefix = furlPrefix(tubId, settings.location());
        try {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (POSIX) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            throw new ConfigException("Refusing to touch pre-existing directory " + dir);
        } catch (IOException e) {
            throw new ConfigException("cannot create " + dir + ": " + ServicesFile.describe(e), e);
        }
        try {
            if (POSIX) {
                // the umask may have taken bits away at creation; 0700 is what we want
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            Path services = Files.createDirectory(dir.resolve(BaseDirectory.SERVICES_DIR));
            int umask = settings.umask().orElseGet(() -> umaskOf(services));
            writeNew(dir.resolve(BaseDirectory.PORT), settings.port() + "\n", false);
            writeNew(dir.resolve(BaseDirectory.LOCATION), settings.location() + "\n", false);
            writeNew(dir.resolve(BaseDirectory.UMASK), String.format("%04o", umask) + "\n", false);
            writeNew(dir.resolve(BaseDirectory.TUB_PEM), pem, true);
            writeNew(dir.resolve(BaseDirectory.FURL_PREFIX), furlPrefix + "\n", false);
            new ServicesFile(dir).write(Map.of());
            // last, so that "flappserver start" never finds a half-made directory
            writeNew(dir.resolve(TacFile.FILE_NAME), TacFile.TEXT, false);
        } catch (IOException | ConfigException | RuntimeException e) {
            deleteQuietly(dir);
            if (e instanceof ConfigException c) {
                throw c;
            }
            throw new ConfigException("cannot create the server directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Refuses settings Python's flappserver create would refuse (or could not write). */
    static void checkSettings(CreateSettings settings) throws ConfigException {
        if (settings.location().isBlank()) {
            throw new ConfigException("--location= is mandatory: give the connection hints clients"
                    + " should use, e.g. tcp:example.org:3116");
        }
        if (settings.port().isBlank()) {
            throw new ConfigException("--port must not be empty (e.g. tcp:3116)");
        }
        if (settings.port().startsWith("ssl:")) {
            throw new ConfigException("--port cannot be an ssl: endpoint; Foolscap does its own TLS (use tcp:PORT)");
        }
        for (String value : List.of(settings.location(), settings.port())) {
            if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new ConfigException("--location and --port must be single lines without control characters");
            }
        }
        int umask = settings.umask().orElse(0);
        if (umask < 0 || umask > 0777) {
            throw new ConfigException("--umask must be an octal value between 000 and 777, not "
                    + Integer.toOctalString(umask));
        }
    }

    /** Checks that FURLs built on {@code location} parse, and returns {@code pb://TUBID@LOCATION/}. */
    private static String furlPrefix(String tubId, String location) throws ConfigException {
        try {
            Furl.of(tubId, Arrays.asList(location.split(",", -1)), "x");
        } catch (BadFurlException e) {
            throw new ConfigException("--location '" + location + "' cannot go into a FURL: " + e.getMessage(), e);
        }
        return "pb://" + tubId + "@" + location + "/";
    }

    /** The process umask, read off a directory just created with default permissions. */
    private static int umaskOf(Path freshDirectory) {
        if (!POSIX) {
            return 0022;
        }
        try {
            Set<PosixFilePermission> granted = Files.getPosixFilePermissions(freshDirectory);
            int mode = 0;
            for (PosixFilePermission p : granted) {
                mode |= 1 << (8 - p.ordinal()); // OWNER_READ is ordinal 0 = bit 0400
            }
            return 0777 & ~mode;
        } catch (IOException e) {
            return 0022;
        }
    }

    private static void writeNew(Path file, String content, boolean ownerOnly) throws IOException {
        AtomicFiles.createNew(file, content.getBytes(StandardCharsets.UTF_8), ownerOnly);
    }

    /** Deletes {@code root} and everything below it, as far as it can. */
    static void deleteQuietly(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: the original failure is the one to report
        }
    }
}
