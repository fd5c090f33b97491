package org.flapp.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The engine's native libraries (Netty's epoll transport and BoringSSL) kept as files in the
 * launcher's cache directory, so that later runs load them from {@code java.library.path}, which
 * Netty tries first, instead of inflating them from their jars into a temporary file on every
 * run (2.9 MB, about 0.03 s of a small upload's CPU; docs/performance.md).
 *
 * <p>The launcher asks for it with {@code -Dflapp.native.cache=DIR} while DIR does not exist yet
 * (its name carries the same key as the AppCDS archive: the JDK and the jar set), and passes
 * {@code -Djava.library.path=DIR} once it does. DIR appears whole or not at all: the libraries are
 * copied into a private directory beside it, which is then renamed. Any failure leaves no cache,
 * and Netty extracts the libraries as before.
 */
final class NativeLibraryCache {
    static final String PROPERTY = "flapp.native.cache";

    private NativeLibraryCache() {
    }

    /** Whether the launcher asked for the cache. */
    static boolean asked() {
        String dir = System.getProperty(PROPERTY);
        return dir != null && !dir.isEmpty();
    }

    /** Fills the directory {@link #PROPERTY} names, if it names one that is not there yet. */
    static void fillIfAsked() {
        if (!asked()) {
            return;
        }
        try {
            fill(Path.of(System.getProperty(PROPERTY)),
                    libraryNames(System.getProperty("os.name", ""), System.getProperty("os.arch", "")));
        } catch (IOException | RuntimeException e) {
            // no cache this time: the libraries still load from their jars
        }
    }

    /**
     * Netty's names for the libraries it looks for first on this platform (none where Flapp
     * ships no native code), as file names.
     */
    static List<String> libraryNames(String osName, String osArch) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return List.of();
        }
        String arch = switch (osArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "aarch_64";
            default -> null;
        };
        if (arch == null) {
            return List.of();
        }
        return List.of("libnetty_transport_native_epoll_" + arch + ".so", "libnetty_tcnative_linux_" + arch + ".so");
    }

    /** Copies each library from the class path into {@code dir}; all of them or none. */
    static void fill(Path dir, List<String> files) throws IOException {
        if (files.isEmpty() || Files.exists(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        Path staging = Files.createTempDirectory(parent, "." + dir.getFileName() + ".");
        try {
            for (String file : files) {
                try (InputStream in = NativeLibraryCache.class.getClassLoader().getResourceAsStream("META-INF/native/" + file)) {
                    if (in == null) {
                        return;   // not in this build's jars: no cache
                    }
                    Files.copy(in, staging.resolve(file));
                }
            }
            // a directory renamed onto one that a concurrent run made first fails: that one stays
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(staging);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        Files.deleteIfExists(dir);
    }
}
