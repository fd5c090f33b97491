package org.flapp.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.flapp.rpc.RpcException;
import org.flapp.rpc.furl.Furl;

/**
 * Where the service's FURL comes from: {@code --furl=FURL} or {@code --furlfile=FILE}.
 *
 * <p>A furlfile is read as Python's flappclient reads it: each line is stripped of surrounding
 * white space and the first one that starts with {@code pb://} is the FURL; blank lines,
 * {@code #} comments and any other text are skipped. A leading {@code ~/} is expanded to the
 * home directory, as Python's {@code os.path.expanduser} does.
 *
 * <p>No FURL at all (neither option, or a furlfile without a {@code pb://} line) is a usage
 * error; a furlfile that cannot be read is an operational failure. Immutable.
 */
final class FurlSource {
    private final String furl;
    private final String furlFile;

    FurlSource(String furl, String furlFile) {
        this.furl = furl;
        this.furlFile = furlFile;
    }

    /** The FURL text to contact, not yet checked for its grammar. */
    String resolve() throws UsageException, ClientFailure {
        if (furlFile != null) {
            String found = firstFurlLine(readLines(expandHome(furlFile)));
            if (found == null) {
                throw new UsageException("the furlfile " + furlFile + " holds no FURL (no line starts with pb://)");
            }
            return found;
        }
        if (furl == null || furl.isBlank()) {
            throw new UsageException("must provide --furl or --furlfile");
        }
        return furl.strip();
    }

    /**
     * Checks the FURL's grammar before anything touches the network, so a typo is reported
     * without waiting for a connection.
     */
    static Furl parse(String text) throws ClientFailure {
        // Foolscap searches for "pb://" anywhere in the text; without it nothing else matters
        if (!text.contains("pb://")) {
            throw new ClientFailure(ClientFailure.Reason.BAD_FURL, "malformed FURL '" + text + "': a FURL starts with pb://");
        }
        try {
            return Furl.parse(text);
        } catch (RpcException | IllegalArgumentException e) {
            throw new ClientFailure(ClientFailure.Reason.BAD_FURL, "malformed FURL '" + text + "': " + e.getMessage(), e);
        }
    }

    /** The first stripped line that starts with {@code pb://}, or null. */
    static String firstFurlLine(List<String> lines) {
        for (String line : lines) {
            String stripped = line.strip();
            if (stripped.startsWith("pb://")) {
                return stripped;
            }
        }
        return null;
    }

    private List<String> readLines(Path path) throws ClientFailure {
        try {
            // ISO-8859-1 never fails on odd bytes; FURLs themselves are ASCII
            return Files.readAllLines(path, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new ClientFailure(ClientFailure.Reason.LOCAL_FILE, "cannot read furlfile " + furlFile + ": no such file", e);
        } catch (IOException e) {
            throw new ClientFailure(ClientFailure.Reason.LOCAL_FILE, "cannot read furlfile " + furlFile + ": " + ErrorReporter.describeIo(e), e);
        }
    }

    static Path expandHome(String name) {
        if (name.equals("~") || name.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + name.substring(1));
        }
        return Path.of(name);
    }
}
