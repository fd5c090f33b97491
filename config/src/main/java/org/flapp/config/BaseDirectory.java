package org.flapp.config;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.furl.Base32;
import org.flapp.rpc.furl.BadFurlException;
import org.flapp.rpc.furl.Furl;

/**
 * A flappserver base directory, laid out as Python Foolscap 21.7.0's {@code flappserver} lays it
 * out, so that either implementation can create, add to, list and run a directory made by the
 * other:
 *
 * <pre>
 * BASEDIR/            mode 0700
 *   port              strports string, e.g. "tcp:3116\n"
 *   location          connection hints for FURLs, e.g. "tcp:example.org:3116\n"
 *   umask             octal, e.g. "0022\n", applied by the server when it starts
 *   furl_prefix       "pb://TUBID@LOCATION/\n"
 *   tub.pem           certificate and private key (mode 0600 here; Python leaves it at the umask)
 *   services.json     see {@link ServicesFile}
 *   services/N/       one private directory per service
 *   flappserver.tac   lets Python's "flappserver start" run the directory
 * </pre>
 *
 * <p>Every accessor reads its file again, so a running server that asks {@link #lookup} per
 * connection sees services added meanwhile. Reads are safe from any thread; changes
 * ({@link #addService}, {@link #removeService}) are serialised within this JVM.
 *
 * <pre>{@code
 * BaseDirectory dir = BaseDirectory.create(Path.of("srv"), CreateSettings.of("tcp:example.org:3116"));
 * PublishedService s = dir.addService("upload-file", List.of("/srv/in"), null, check);
 * System.out.println("FURL is " + s.furl());
 * }</pre>
 */
public final class BaseDirectory {
    static final String PORT = "port";
    static final String LOCATION = "location";
    static final String UMASK = "umask";
    static final String FURL_PREFIX = "furl_prefix";
    static final String TUB_PEM = "tub.pem";
    static final String SERVICES_DIR = "services";
    /** The files without which a directory is not treated as a server directory. */
    private static final List<String> REQUIRED = List.of(FURL_PREFIX, PORT);
    /** Serialises read-modify-write of services.json within this JVM. */
    private static final Object WRITE_LOCK = new Object();

    private final Path path;
    private final ServicesFile servicesFile;

    private BaseDirectory(Path path) {
        this.path = path;
        this.servicesFile = new ServicesFile(path);
    }

    /**
     * Opens an existing base directory.
     *
     * @throws ConfigException if {@code dir} is missing, not a directory, or does not look like a
     *     server directory (no {@code furl_prefix} or {@code port})
     */
    public static BaseDirectory open(Path dir) throws ConfigException {
        if (!Files.exists(dir)) {
            throw new ConfigException(dir + " does not exist; create a server directory with 'flappserver create'");
        }
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(dir + " is not a directory");
        }
        List<String> missing = REQUIRED.stream().filter(f -> !Files.isRegularFile(dir.resolve(f))).toList();
        if (!missing.isEmpty()) {
            throw new ConfigException(dir + " does not look like a flappserver base directory (no "
                    + String.join(" or ", missing) + " file); create one with 'flappserver create'");
        }
        return new BaseDirectory(dir);
    }

    /** Creates a new base directory with a freshly generated Tub identity (takes a moment). */
    public static BaseDirectory create(Path dir, CreateSettings settings) throws ConfigException {
        BaseDirectoryMaker.checkSettings(settings);
        if (Files.exists(dir)) {
            // checked again, atomically, when the directory is made; this saves making a key first
            throw new ConfigException("Refusing to touch pre-existing directory " + dir);
        }
        TubIdentity identity = TubIdentity.generate();
        return create(dir, settings, identity);
    }

    /**
     * Creates a new base directory for {@code identity}. Refuses an existing {@code dir} (of any
     * kind); missing parent directories are created. On failure nothing is left behind.
     */
    public static BaseDirectory create(Path dir, CreateSettings settings, TubIdentity identity)
            throws ConfigException {
        return create(dir, settings, identity.tubId(), identity.toPem());
    }

    /** The creation itself, on the identity's TubID and {@code tub.pem} text. */
    static BaseDirectory create(Path dir, CreateSettings settings, String tubId, String pem)
            throws ConfigException {
        BaseDirectoryMaker.make(dir, settings, tubId, pem);
        return new BaseDirectory(dir);
    }

    /** The directory, as given to {@link #open} or {@link #create}. */
    public Path path() {
        return path;
    }

    /** The strports string the server listens on, e.g. {@code tcp:3116}. */
    public String port() throws ConfigException {
        return readStripped(PORT);
    }

    /** The connection hints FURLs carry, as one string (may hold several, comma-separated). */
    public String location() throws ConfigException {
        String location = readStripped(LOCATION);
        if (location.isEmpty()) {
            throw new ConfigException(path.resolve(LOCATION) + " is empty: this server was created without"
                    + " --location. Write the hints clients should use into it, e.g. tcp:example.org:12345,"
                    + " with a host name and port that reach this server (it listens on " + port() + ")");
        }
        return location;
    }

    /** The file creation mask the server applies when it starts, if the directory records one. */
    public OptionalInt umask() throws ConfigException {
        Path file = path.resolve(UMASK);
        if (!Files.exists(file)) {
            return OptionalInt.empty(); // Python does the same: no umask file, umask left alone
        }
        String text = readStripped(UMASK);
        String digits = text.startsWith("0o") ? text.substring(2) : text;
        if (!digits.matches("[0-7]{1,4}")) {
            throw new ConfigException(file + " holds '" + text + "', not an octal umask such as 0022");
        }
        return OptionalInt.of(Integer.parseInt(digits, 8));
    }

    /** {@code pb://TUBID@LOCATION/}: a service's FURL is this followed by its swissnum. */
    public String furlPrefix() throws ConfigException {
        return readStripped(FURL_PREFIX);
    }

    /** The server's TubID, as recorded in {@code furl_prefix}. */
    public String tubId() throws ConfigException {
        String prefix = furlPrefix();
        try {
            return Furl.parse(prefix + "x").tubId();
        } catch (BadFurlException e) {
            throw new ConfigException(path.resolve(FURL_PREFIX) + " does not hold a FURL prefix: " + e.getMessage(), e);
        }
    }

    /** The FURL of the service published under {@code swissnum}. */
    public String furlFor(String swissnum) throws ConfigException {
        return furlPrefix() + swissnum;
    }

    /** The {@code tub.pem} file with the server's certificate and key. */
    public Path tubPem() {
        return path.resolve(TUB_PEM);
    }

    /** Loads the server's identity from {@code tub.pem}. */
    public TubIdentity identity() throws ConfigException {
        try {
            return TubIdentity.load(tubPem());
        } catch (IOException e) {
            throw new ConfigException("cannot read " + tubPem() + ": " + ServicesFile.describe(e), e);
        } catch (RuntimeException e) {
            throw new ConfigException(tubPem() + " does not hold a usable certificate and key: " + e.getMessage(), e);
        }
    }

    public ServicesFile servicesFile() {
        return servicesFile;
    }

    /** The service published under {@code swissnum}, read afresh from {@code services.json}. */
    public Optional<ServiceEntry> lookup(String swissnum) throws ConfigException {
        return servicesFile.lookup(swissnum);
    }

    /** A service's own directory: the base directory joined with its relative directory. */
    public Path serviceDirectory(ServiceEntry entry) {
        return path.resolve(entry.relativeBasedir());
    }

    /** All services sorted by swissnum, as {@code flappserver list} shows them. */
    public List<PublishedService> list() throws ConfigException {
        String prefix = furlPrefix();
        List<PublishedService> out = new ArrayList<>();
        for (Map.Entry<String, ServiceEntry> e : servicesFile.read().entrySet()) {
            out.add(new PublishedService(e.getKey(), e.getValue(), serviceDirectory(e.getValue()), prefix + e.getKey()));
        }
        out.sort(Comparator.comparing(PublishedService::swissnum));
        return out;
    }

    /**
     * Adds a service under a new random swissnum, in a new directory {@code services/N} (N one
     * more than the highest numeric name there), after {@code check} accepted it.
     *
     * @param comment the comment to record, or {@code null} for none
     */
    public PublishedService addService(String type, List<String> args, String comment, ServiceCheck check)
            throws ConfigException {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(check, "check");
        synchronized (WRITE_LOCK) {
            Map<String, ServiceEntry> services = servicesFile.read();
            String swissnum = Base32.randomSwissnum();
            while (services.containsKey(swissnum)) {
                swissnum = Base32.randomSwissnum();
            }
            String relative = SERVICES_DIR + "/" + nextServiceNumber();
            Path directory = path.resolve(relative);
            try {
                Files.createDirectories(directory.getParent());
                Files.createDirectory(directory);
            } catch (IOException e) {
                throw new ConfigException("cannot create the service directory " + directory + ": "
                        + ServicesFile.describe(e), e);
            }
            try {
                check.check(directory, type, List.copyOf(args));
            } catch (ConfigException | RuntimeException e) {
                BaseDirectoryMaker.deleteQuietly(directory);
                throw e;
            }
            ServiceEntry entry = new ServiceEntry(relative, type, args, comment);
            services.put(swissnum, entry);
            servicesFile.write(services);
            return new PublishedService(swissnum, entry, directory, furlFor(swissnum));
        }
    }

    /**
     * Removes the service published under {@code swissnum} from {@code services.json}; its FURL
     * stops working at once. Its directory is left in place (it may hold data).
     *
     * @return the removed entry, or empty if there was none
     */
    public Optional<ServiceEntry> removeService(String swissnum) throws ConfigException {
        synchronized (WRITE_LOCK) {
            Map<String, ServiceEntry> services = servicesFile.read();
            ServiceEntry removed = services.remove(swissnum);
            if (removed != null) {
                servicesFile.write(services);
            }
            return Optional.ofNullable(removed);
        }
    }

    /** One more than the highest numeric name in {@code services/} (1 for none), as Python counts. */
    BigInteger nextServiceNumber() throws ConfigException {
        BigInteger highest = BigInteger.ZERO;
        Path services = path.resolve(SERVICES_DIR);
        if (!Files.isDirectory(services)) {
            return BigInteger.ONE;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(services)) {
            for (Path entry : entries) {
                try {
                    highest = highest.max(new BigInteger(entry.getFileName().toString().strip()));
                } catch (NumberFormatException notNumeric) {
                    // e.g. a swissnum-named directory of old Foolscap versions
                }
            }
        } catch (IOException e) {
            throw new ConfigException("cannot list " + services + ": " + ServicesFile.describe(e), e);
        }
        return highest.add(BigInteger.ONE);
    }

    private String readStripped(String name) throws ConfigException {
        Path file = path.resolve(name);
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new ConfigException(path + " has no " + name + " file; is it a flappserver base directory?", e);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + ServicesFile.describe(e), e);
        }
    }
}
