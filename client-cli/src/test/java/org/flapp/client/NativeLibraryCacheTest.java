package org.flapp.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native libraries copied once into the launcher's cache directory. */
class NativeLibraryCacheTest {
    @Test
    void namesTheLibrariesNettyLooksForFirstOnLinux() {
        assertEquals(List.of("libnetty_transport_native_epoll_x86_64.so", "libnetty_tcnative_linux_x86_64.so"),
                NativeLibraryCache.libraryNames("Linux", "amd64"));
        assertEquals(List.of("libnetty_transport_native_epoll_aarch_64.so", "libnetty_tcnative_linux_aarch_64.so"),
                NativeLibraryCache.libraryNames("Linux", "aarch64"));
        assertEquals(List.of(), NativeLibraryCache.libraryNames("Mac OS X", "aarch64"));
        assertEquals(List.of(), NativeLibraryCache.libraryNames("Linux", "riscv64"));
    }

    @Test
    void copiesEveryLibraryFromItsJarAndAppearsWhole(@TempDir Path cache) throws IOException {
        Path dir = cache.resolve("native-1");
        List<String> files = NativeLibraryCache.libraryNames("Linux", "amd64");
        NativeLibraryCache.fill(dir, files);
        for (String file : files) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/native/" + file)) {
                assertArrayEquals(in.readAllBytes(), Files.readAllBytes(dir.resolve(file)), file);
            }
        }
        assertEquals(List.of(dir), list(cache), "no staging directory left");
    }

    @Test
    void leavesNoCacheWhenALibraryIsMissing(@TempDir Path cache) throws IOException {
        NativeLibraryCache.fill(cache.resolve("native-1"),
                List.of("libnetty_transport_native_epoll_x86_64.so", "libnot_shipped.so"));
        assertEquals(List.of(), list(cache));
    }

    @Test
    void keepsADirectoryThatIsThereAlready(@TempDir Path cache) throws IOException {
        Path dir = Files.createDirectory(cache.resolve("native-1"));
        NativeLibraryCache.fill(dir, NativeLibraryCache.libraryNames("Linux", "amd64"));
        assertEquals(List.of(), list(dir));
        assertEquals(List.of(dir), list(cache));
    }

    @Test
    void doesNothingUnlessTheLauncherAsks(@TempDir Path cache) {
        System.clearProperty(NativeLibraryCache.PROPERTY);
        NativeLibraryCache.fillIfAsked();
        assertFalse(Files.exists(cache.resolve("native-1")));
        System.setProperty(NativeLibraryCache.PROPERTY, cache.resolve("native-1").toString());
        try {
            NativeLibraryCache.fillIfAsked();
        } finally {
            System.clearProperty(NativeLibraryCache.PROPERTY);
        }
        boolean linuxWithNativeCode = !NativeLibraryCache.libraryNames(System.getProperty("os.name"),
                System.getProperty("os.arch")).isEmpty();
        assertEquals(linuxWithNativeCode, Files.isDirectory(cache.resolve("native-1")));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
