package org.flapp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.flapp.rpc.TubIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class BaseDirectoryTest {
    private static final String TUBID = "fpbsxdkamopr6ihxh3pwx346ttsgiwve";
    private static final String PEM = "-----BEGIN CERTIFICATE-----\n(test)\n-----END CERTIFICATE-----\n";

    @TempDir
    Path tmp;

    private BaseDirectory created(String name, CreateSettings settings) throws ConfigException {
        return BaseDirectory.create(tmp.resolve(name), settings, TUBID, PEM);
    }

    @Test
    void writesTheFilesPythonWritesWithTheSameContent() throws Exception {
        BaseDirectory dir = created("srv", CreateSettings.of("tcp:example.org:3116,tcp:10.0.0.1:80")
                .withPort("tcp:3116:interface=127.0.0.1").withUmask(0027));
        Path p = dir.path();
        assertEquals("tcp:3116:interface=127.0.0.1\n", Files.readString(p.resolve("port")));
        assertEquals("tcp:example.org:3116,tcp:10.0.0.1:80\n", Files.readString(p.resolve("location")));
        assertEquals("0027\n", Files.readString(p.resolve("umask")));
        assertEquals("pb://" + TUBID + "@tcp:example.org:3116,tcp:10.0.0.1:80/\n",
                Files.readString(p.resolve("furl_prefix")));
        assertEquals(PEM, Files.readString(p.resolve("tub.pem")));
        assertEquals("{\n  \"version\": 1,\n  \"services\": {}\n}", Files.readString(p.resolve("services.json")));
        assertTrue(Files.isDirectory(p.resolve("services")));
        assertTrue(Files.readString(p.resolve("flappserver.tac")).contains("application = "));
        assertEquals("tcp:3116:interface=127.0.0.1", dir.port());
        assertEquals("tcp:example.org:3116,tcp:10.0.0.1:80", dir.location());
        assertEquals(OptionalInt.of(0027), dir.umask());
        assertEquals(TUBID, dir.tubId());
    }

    @Test
    void keepsTheDirectoryAndTheKeyPrivate() throws Exception {
        BaseDirectory dir = created("srv", CreateSettings.of("tcp:h:1"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.path())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.tubPem())));
    }

    @Test
    void recordsTheProcessUmaskWhenNoneIsGiven() throws Exception {
        BaseDirectory dir = created("srv", CreateSettings.of("tcp:h:1"));
        // the services directory was made with the default mode, i.e. 0777 minus the umask
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.path().resolve("services")));
        int bits = 0;
        for (char c : mode.toCharArray()) {
            bits = (bits << 1) | (c == '-' ? 0 : 1);
        }
        assertEquals(OptionalInt.of(0777 & ~bits), dir.umask());
    }

    @Test
    void createsMissingParentDirectories() throws Exception {
        assertTrue(Files.isDirectory(created("a/b/srv", CreateSettings.of("tcp:h:1")).path()));
    }

    @Test
    void refusesToTouchAnExistingDirectoryOrFile() throws Exception {
        Files.createDirectory(tmp.resolve("there"));
        Files.writeString(tmp.resolve("file"), "x");
        for (String name : List.of("there", "file")) {
            ConfigException e = assertThrows(ConfigException.class, () -> created(name, CreateSettings.of("tcp:h:1")));
            assertEquals("Refusing to touch pre-existing directory " + tmp.resolve(name), e.getMessage());
        }
        try (var listing = Files.list(tmp.resolve("there"))) {
            assertEquals(0, listing.count());
        }
    }

    @Test
    void refusesSettingsThatWouldMakeBrokenFurlsAndLeavesNothingBehind() {
        for (CreateSettings bad : List.of(CreateSettings.of(""), CreateSettings.of("tcp:h:1,"),
                CreateSettings.of("tcp:h:1/x"), CreateSettings.of("tcp:h:1\nx"),
                CreateSettings.of("tcp:h:1").withPort("ssl:443"), CreateSettings.of("tcp:h:1").withUmask(01000))) {
            assertThrows(ConfigException.class, () -> created("srv", bad), bad.toString());
            assertFalse(Files.exists(tmp.resolve("srv")), bad.toString());
        }
    }

    @Test
    void explainsWhatIsWrongWithADirectoryItCannotOpen() throws Exception {
        ConfigException missing = assertThrows(ConfigException.class, () -> BaseDirectory.open(tmp.resolve("nope")));
        assertEquals(tmp.resolve("nope") + " does not exist; create a server directory with 'flappserver create'",
                missing.getMessage());
        Files.writeString(tmp.resolve("file"), "x");
        assertThrows(ConfigException.class, () -> BaseDirectory.open(tmp.resolve("file")));
        Files.createDirectory(tmp.resolve("empty"));
        ConfigException notServer = assertThrows(ConfigException.class, () -> BaseDirectory.open(tmp.resolve("empty")));
        assertTrue(notServer.getMessage().contains("does not look like a flappserver base directory"
                + " (no furl_prefix or port file)"), notServer.getMessage());
    }

    @Test
    void addsServicesInNumberedDirectoriesWithFurlsFromThePrefix() throws Exception {
        BaseDirectory dir = created("srv", CreateSettings.of("tcp:h:1"));
        Files.createDirectory(dir.path().resolve("services/7"));
        Files.createDirectory(dir.path().resolve("services/oldname"));
        PublishedService first = dir.addService("upload-file", List.of("/in"), "drop box", ServiceCheck.NONE);
        PublishedService second = dir.addService("run-command", List.of(".", "ls"), null, ServiceCheck.NONE);

        assertEquals("services/8", first.entry().relativeBasedir());
        assertEquals("services/9", second.entry().relativeBasedir());
        assertEquals(dir.path().resolve("services/8"), first.directory());
        assertTrue(Files.isDirectory(first.directory()));
        assertEquals("pb://" + TUBID + "@tcp:h:1/" + first.swissnum(), first.furl());
        assertEquals(32, first.swissnum().length());
        assertEquals(Optional.of(first.entry()), dir.lookup(first.swissnum()));
        assertEquals(new ServiceEntry("services/8", "upload-file", List.of("/in"), "drop box"), first.entry());
        List<PublishedService> listed = dir.list();
        assertEquals(2, listed.size());
        assertTrue(listed.get(0).swissnum().compareTo(listed.get(1).swissnum()) < 0, "sorted by swissnum");
        assertTrue(listed.contains(first) && listed.contains(second));
    }

    @Test
    void removesTheDirectoryOfAServiceItsCheckRefused() throws Exception {
        BaseDirectory dir = created("srv", CreateSettings.of("tcp:h:1"));
        ServiceCheck refuse = (directory, type, args) -> {
            assertTrue(Files.isDirectory(directory), "the directory exists while the check runs");
            throw new ConfigException("targetdir '" + args.get(0) + "' must already exist");
        };
        ConfigException e = assertThrows(ConfigException.class,
                () -> dir.addService("upload-file", List.of("/nope"), null, refuse));
        assertEquals("targetdir '/nope' must already exist", e.getMessage());
        assertFalse(Files.exists(dir.path().resolve("services/1")));
        assertEquals(Map.of(), dir.servicesFile().read());
    }

    @Test
    void removesAServiceButKeepsItsDirectory() throws Exception {
        BaseDirectory dir = created("srv", CreateSettings.of("tcp:h:1"));
        PublishedService kept = dir.addService("upload-file", List.of("/a"), null, ServiceCheck.NONE);
        PublishedService gone = dir.addService("upload-file", List.of("/b"), null, ServiceCheck.NONE);
        assertEquals(Optional.of(gone.entry()), dir.removeService(gone.swissnum()));
        assertEquals(Optional.empty(), dir.removeService(gone.swissnum()));
        assertEquals(Optional.empty(), dir.lookup(gone.swissnum()));
        assertEquals(Optional.of(kept.entry()), dir.lookup(kept.swissnum()));
        assertTrue(Files.isDirectory(gone.directory()));
        assertEquals("services/3",
                dir.addService("upload-file", List.of("/c"), null, ServiceCheck.NONE).entry().relativeBasedir());
    }

    @Test
    void readsUmaskAndLocationFilesAsPythonDoes() throws Exception {
        BaseDirectory dir = created("srv", CreateSettings.of("tcp:h:1"));
        Files.writeString(dir.path().resolve("umask"), "077\n");
        assertEquals(OptionalInt.of(077), dir.umask());
        Files.writeString(dir.path().resolve("umask"), "0o22");
        assertEquals(OptionalInt.of(022), dir.umask());
        Files.writeString(dir.path().resolve("umask"), "22x\n");
        assertThrows(ConfigException.class, dir::umask);
        Files.delete(dir.path().resolve("umask"));
        assertEquals(OptionalInt.empty(), dir.umask());
        Files.writeString(dir.path().resolve("location"), "  \n");
        ConfigException e = assertThrows(ConfigException.class, dir::location);
        assertTrue(e.getMessage().contains("created without --location"), e.getMessage());
    }

    @Test
    void seesServicesAddedByAnotherWriterOnTheNextLookup() throws Exception {
        BaseDirectory server = created("srv", CreateSettings.of("tcp:h:1"));
        BaseDirectory adder = BaseDirectory.open(server.path());
        PublishedService added = adder.addService("upload-file", List.of("/x"), null, ServiceCheck.NONE);
        assertEquals(Optional.of(added.entry()), server.lookup(added.swissnum()));
    }

    @Test
    void createsAServerDirectoryWithAGeneratedIdentity() throws Exception {
        TubIdentity identity = generatedIdentityOrSkip();
        BaseDirectory dir = BaseDirectory.create(tmp.resolve("srv"), CreateSettings.of("tcp:h:1"), identity);
        assertEquals(identity.tubId(), dir.tubId());
        assertEquals(identity.tubId(), dir.identity().tubId());
        assertEquals(identity.toPem(), Files.readString(dir.tubPem()));
    }

    /** TubIdentity is written by another work package; until it lands these tests are skipped. */
    static TubIdentity generatedIdentityOrSkip() {
        try {
            return TubIdentity.generate();
        } catch (UnsupportedOperationException e) {
            throw new TestAbortedException("TubIdentity is not implemented yet");
        }
    }
}
