package org.flapp.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code services.json} file of a flappserver base directory, version 1: swissnum to
 * {@link ServiceEntry}, in file order.
 *
 * <pre>{@code
 * {"version": 1, "services": {"<swissnum>": {"relative_basedir": "services/1", "type": "upload-file",
 *                                            "args": ["/srv/incoming"], "comment": null}}}
 * }</pre>
 *
 * <p>Written as Python's {@code json.dump(indent=2)} writes it, byte for byte, with no trailing
 * newline, and always atomically (a temporary file in the same directory, fsync, rename), so a
 * reader sees the old or the new file, never half of one. Every read goes back to the disk:
 * a running server calls {@link #lookup} for each connection and sees services added meanwhile by
 * {@code flappserver add} (Java or Python), as Python's server does.
 *
 * <p>Thread-safety: reads may run concurrently with anything. Writers in this JVM should go through
 * {@link BaseDirectory}, which serialises read-modify-write; two processes adding at the same
 * moment can still lose one update (Python has the same race). Limits: a file larger than
 * {@value #MAX_FILE_BYTES} bytes is refused. A base directory without {@code services.json} reads
 * as no services, unless it holds the per-service files of pre-JSON Foolscap, which are refused.
 */
public final class ServicesFile {
    public static final String FILE_NAME = "services.json";
    /** The only version of the file format Foolscap (21.7.0) and Flapp know. */
    public static final int VERSION = 1;
    /** Far above any real file (a service takes a few hundred bytes); guards against a wrong file. */
    public static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

    /** jackson-core alone: writing, and reading a file of the expected shape ({@link ServicesJsonReader}). */
    private static final JsonFactory FACTORY = new JsonFactory();

    private final Path file;

    /** The services file of the base directory {@code baseDirectory}. */
    public ServicesFile(Path baseDirectory) {
        this.file = baseDirectory.resolve(FILE_NAME);
    }

    public Path path() {
        return file;
    }

    /** All services, in file order (a missing file means none). */
    public Map<String, ServiceEntry> read() throws ConfigException {
        byte[] bytes;
        try {
            bytes = readLimited();
        } catch (NoSuchFileException e) {
            refuseOldStyleLayout();
            return new LinkedHashMap<>();
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + describe(e), e);
        }
        return parse(bytes, file.toString());
    }

    /** The service published under {@code swissnum}, read afresh from the disk. */
    public Optional<ServiceEntry> lookup(String swissnum) throws ConfigException {
        return Optional.ofNullable(read().get(swissnum));
    }

    /** Replaces the file with {@code services}, atomically. */
    public void write(Map<String, ServiceEntry> services) throws ConfigException {
        try {
            AtomicFiles.replace(file, format(services).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("cannot write " + file + ": " + describe(e), e);
        }
    }

    /** The file text for {@code services}, exactly as Python's {@code json.dump(indent=2)} writes it. */
    public static String format(Map<String, ServiceEntry> services) {
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            gen.setPrettyPrinter(PythonJsonPrettyPrinter.create());
            gen.setCharacterEscapes(new PythonJsonEscapes());
            gen.writeStartObject();
            gen.writeNumberField("version", VERSION);
            gen.writeObjectFieldStart("services");
            for (Map.Entry<String, ServiceEntry> e : services.entrySet()) {
                ServiceEntry entry = e.getValue();
                gen.writeObjectFieldStart(e.getKey());
                gen.writeStringField("relative_basedir", entry.relativeBasedir());
                gen.writeStringField("type", entry.type());
                gen.writeArrayFieldStart("args");
                for (String arg : entry.args()) {
                    gen.writeString(arg);
                }
                gen.writeEndArray();
                gen.writeStringField("comment", entry.comment()); // null -> JSON null
                gen.writeEndObject();
            }
            gen.writeEndObject();
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string cannot fail", e);
        }
        return out.toString();
    }

    /**
     * Reads file text. {@code source} names the file in error messages.
     *
     * @throws ConfigException for text that is not JSON, not version 1, or not of the expected shape
     */
    public static Map<String, ServiceEntry> parse(byte[] text, String source) throws ConfigException {
        Optional<Map<String, ServiceEntry>> expected = ServicesJsonReader.read(FACTORY, text);
        return expected.isPresent() ? expected.get() : parseTree(text, source);
    }

    /** {@link #parse} through databind's tree, which names what is wrong with the text. */
    static Map<String, ServiceEntry> parseTree(byte[] text, String source) throws ConfigException {
        JsonNode root;
        try {
            root = Tree.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ConfigException(source + " is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + source + ": " + describe(e), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new ConfigException(source + " is empty; expected {\"version\": 1, \"services\": {...}}");
        }
        if (!root.isObject()) {
            throw new ConfigException(source + " must hold a JSON object, not " + kind(root));
        }
        checkVersion(root.get("version"), source);
        JsonNode services = root.get("services");
        if (services == null || !services.isObject()) {
            throw new ConfigException(source + ": \"services\" must be an object (swissnum -> service), not "
                    + kind(services));
        }
        Map<String, ServiceEntry> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            entries.put(e.getKey(), entry(e.getKey(), e.getValue(), source));
        }
        return entries;
    }

    /** databind, only for text {@link ServicesJsonReader} is not sure of: its tree names what is wrong. */
    private static final class Tree {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static void checkVersion(JsonNode version, String source) throws ConfigException {
        if (version == null) {
            throw new ConfigException(source + " has no \"version\"; expected version " + VERSION);
        }
        // Python compares with ==, so 1.0 counts as 1
        if (!version.isNumber() || version.asDouble() != VERSION) {
            throw new ConfigException(source + " has version " + version
                    + ", but this flappserver only understands version " + VERSION
                    + " (was it written by a newer Foolscap or Flapp?)");
        }
    }

    private static ServiceEntry entry(String swissnum, JsonNode node, String source) throws ConfigException {
        String where = source + ", service " + swissnum;
        if (!node.isObject()) {
            throw new ConfigException(where + ": must be an object, not " + kind(node));
        }
        String relative = requiredText(node, "relative_basedir", where);
        String type = requiredText(node, "type", where);
        JsonNode args = node.get("args");
        if (args == null || !args.isArray()) {
            throw new ConfigException(where + ": \"args\" must be a list of strings, not " + kind(args));
        }
        List<String> argList = new ArrayList<>(args.size());
        for (JsonNode arg : args) {
            if (!arg.isTextual()) {
                throw new ConfigException(where + ": \"args\" must be a list of strings, but holds " + kind(arg));
            }
            argList.add(arg.textValue());
        }
        JsonNode comment = node.get("comment");
        if (comment != null && !comment.isNull() && !comment.isTextual()) {
            throw new ConfigException(where + ": \"comment\" must be a string or null, not " + kind(comment));
        }
        String commentText = comment == null || comment.isNull() ? null : comment.textValue();
        return new ServiceEntry(relative, type, argList, commentText);
    }

    private static String requiredText(JsonNode node, String field, String where) throws ConfigException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new ConfigException(where + ": \"" + field + "\" must be a string, not " + kind(value));
        }
        return value.textValue();
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        return node.getNodeType().toString().toLowerCase(Locale.ROOT) + " " + abbreviate(node.toString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private byte[] readLimited() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new IOException("larger than " + MAX_FILE_BYTES + " bytes; is it the right file?");
            }
            return bytes;
        }
    }

    /** Foolscap before services.json kept {@code services/<swissnum>/service_type} files. */
    private void refuseOldStyleLayout() throws ConfigException {
        Path services = file.resolveSibling("services");
        if (!Files.isDirectory(services)) {
            return;
        }
        try (var walk = Files.walk(services, 8)) {
            Optional<Path> old = walk.filter(p -> p.getFileName().toString().equals("service_type")).findFirst();
            if (old.isPresent()) {
                throw new ConfigException(file.getParent() + " uses the per-service files of old Foolscap"
                        + " versions (" + old.get() + ") and has no " + FILE_NAME
                        + ", which Flapp does not read (Python Foolscap's 'flappserver add' converts the"
                        + " directory to " + FILE_NAME + ")");
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ConfigException("cannot read " + services + ": " + e.getMessage(), e);
        }
    }

    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
