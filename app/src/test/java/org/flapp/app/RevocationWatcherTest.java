package org.flapp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flapp.config.ServiceEntry;
import org.flapp.config.ServicesFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevocationWatcherTest {
    @TempDir
    Path dir;

    private static ServiceEntry entry(int n) {
        return new ServiceEntry("services/" + n, "upload-file", List.of("/tmp"), null);
    }

    @Test
    void revokesExactlyTheNamesThatDisappeared() throws Exception {
        ServicesFile file = new ServicesFile(dir);
        Map<String, ServiceEntry> services = new LinkedHashMap<>();
        services.put("aaaa", entry(1));
        services.put("bbbb", entry(2));
        file.write(services);
        List<String> revoked = new ArrayList<>();
        try (RevocationWatcher watcher = new RevocationWatcher(file, revoked::add)) {
            watcher.start(java.time.Duration.ofHours(1)); // polled by hand below
            watcher.poll();
            assertEquals(List.of(), revoked);
            services.remove("aaaa");
            services.put("cccc", entry(3));
            file.write(services);
            watcher.poll();
            assertEquals(List.of("aaaa"), revoked);
            services.remove("cccc");
            file.write(services);
            watcher.poll();
            assertEquals(List.of("aaaa", "cccc"), revoked, "a name added after start is watched too");
            watcher.poll();
            assertEquals(2, revoked.size(), "each name is revoked once");
        }
    }

    @Test
    void revokesANameServedBetweenTwoPollsAndAllNamesWhenTheFileGoes() throws Exception {
        ServicesFile file = new ServicesFile(dir);
        file.write(Map.of("aaaa", entry(1)));
        List<String> revoked = new ArrayList<>();
        try (RevocationWatcher watcher = new RevocationWatcher(file, revoked::add)) {
            watcher.start(java.time.Duration.ofHours(1));
            watcher.served("zzzz"); // added, looked up and removed again between polls
            Files.delete(file.path());
            watcher.poll();
            revoked.sort(null);
            assertEquals(List.of("aaaa", "zzzz"), revoked);
        }
    }

    @Test
    void anUnreadableFileRevokesNothing() throws Exception {
        ServicesFile file = new ServicesFile(dir);
        file.write(Map.of("aaaa", entry(1)));
        List<String> revoked = new ArrayList<>();
        try (RevocationWatcher watcher = new RevocationWatcher(file, revoked::add)) {
            watcher.start(java.time.Duration.ofHours(1));
            Files.writeString(file.path(), "{ broken");
            org.junit.jupiter.api.Assertions.assertThrows(org.flapp.config.ConfigException.class, watcher::poll);
            assertEquals(List.of(), revoked);
        }
    }
}
