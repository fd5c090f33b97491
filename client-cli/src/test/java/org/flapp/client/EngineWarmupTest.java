package org.flapp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flapp.rpc.TubIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineWarmupTest {
    @Test
    void theIdentityMadeAheadIsHandedOutOnceThenFreshOnesAreMade() {
        EngineWarmup.start(new String[] {"--furl", "pb://x@tcp:h:1/y", "upload-file", "a"});
        TubIdentity ahead = EngineWarmup.identity();
        TubIdentity next = EngineWarmup.identity();
        assertNotNull(ahead.tubId());
        assertNotEquals(ahead.tubId(), next.tubId());
    }

    @Test
    void onlyCommandLinesThatConnectAreWarmedUp() {
        assertTrue(EngineWarmup.connects(new String[] {"--furlfile", "f", "run-command"}));
        assertTrue(EngineWarmup.connects(new String[] {"--furl", "pb://x@tcp:h:1/y", "upload-file", "a", "b"}));
        assertFalse(EngineWarmup.connects(new String[] {"upload-file", "--help"}));
        assertFalse(EngineWarmup.connects(new String[] {"--version"}));
        assertFalse(EngineWarmup.connects(new String[] {"--furl", "pb://x@tcp:h:1/y"}));
    }

    @Test
    void finishWaitsForTheNativeLibraryCacheTheLauncherAskedFor(@TempDir Path cache) {
        Path dir = cache.resolve("native-1");
        System.setProperty(NativeLibraryCache.PROPERTY, dir.toString());
        try {
            EngineWarmup.start(new String[] {"--furl", "pb://x@tcp:h:1/y", "run-command"});
            EngineWarmup.finish();
        } finally {
            System.clearProperty(NativeLibraryCache.PROPERTY);
        }
        boolean nativeCodeShipped = !NativeLibraryCache.libraryNames(System.getProperty("os.name"),
                System.getProperty("os.arch")).isEmpty();
        assertEquals(nativeCodeShipped, Files.isDirectory(dir));
    }
}
