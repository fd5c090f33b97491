package org.flapp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassListSnapshotTest {
    @TempDir
    Path dir;

    @Test
    void keepsTheWholeLinesTheListHoldsNowUnderTheReadyName() throws Exception {
        Path list = dir.resolve(".server-42.1234.classlist");
        Files.writeString(list, "java/lang/Object\norg/flapp/app/ServerMain\norg/flapp/app/Half");
        ClassListSnapshot.take(list);
        Path ready = dir.resolve(".server-42.1234.ready.classlist");
        assertEquals(ready, ClassListSnapshot.readyFile(list));
        assertEquals(List.of("java/lang/Object", "org/flapp/app/ServerMain"), Files.readAllLines(ready),
                "the line the JVM was still writing is left out");
        assertEquals(List.of(list, ready), Files.list(dir).sorted().toList(), "no private file left");
    }

    @Test
    void anEmptyOrMissingListLeavesNothing() {
        Path list = dir.resolve(".server-42.1.classlist");
        ClassListSnapshot.take(list);   // missing: logged, nothing written
        assertFalse(Files.exists(ClassListSnapshot.readyFile(list)));
        assertEquals(0, dir.toFile().list().length);
    }

    @Test
    void onlyAListTheLauncherNamedIsTaken() {
        String before = System.getProperty(ClassListSnapshot.PROPERTY);
        try {
            System.clearProperty(ClassListSnapshot.PROPERTY);
            assertTrue(ClassListSnapshot.requested().isEmpty());
            System.setProperty(ClassListSnapshot.PROPERTY, "/tmp/not-a-list.jsa");
            assertTrue(ClassListSnapshot.requested().isEmpty(), "only a .classlist file");
            System.setProperty(ClassListSnapshot.PROPERTY, "/tmp/x/.server-1.2.classlist");
            assertEquals(Path.of("/tmp/x/.server-1.2.classlist"), ClassListSnapshot.requested().orElseThrow());
        } finally {
            if (before == null) {
                System.clearProperty(ClassListSnapshot.PROPERTY);
            } else {
                System.setProperty(ClassListSnapshot.PROPERTY, before);
            }
        }
    }
}
