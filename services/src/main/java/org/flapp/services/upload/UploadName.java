package org.flapp.services.upload;

import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import org.flapp.rpc.PythonText;
import org.flapp.rpc.RemoteException;

/**
 * The name a client asked to upload to, checked so that it can only mean a file inside the
 * target directory. Each component must be non-empty, not {@code .} or {@code ..}, and free of
 * NUL bytes; a name must be valid UTF-8. Without subdirectories a name is exactly one component
 * (any {@code /} is refused); with them, {@code a/b/c} is split on {@code /} and every component
 * checked (so absolute names and {@code a//b} are refused too).
 *
 * <p>Refusals are {@link RemoteException}s of type {@code twisted.python.filepath.InsecurePath},
 * the type Python's {@code FilePath.child} raises for the same names. Symbolic links are not
 * this class's business: {@link UploadDestination} handles them.
 */
final class UploadName {
    static final String INSECURE_PATH = "twisted.python.filepath.InsecurePath";

    private final List<String> components;

    private UploadName(List<String> components) {
        this.components = List.copyOf(components);
    }

    /** The directories to pass through, in order (empty without subdirectories). */
    List<String> directories() {
        return components.subList(0, components.size() - 1);
    }

    /** The file name itself. */
    String fileName() {
        return components.get(components.size() - 1);
    }

    @Override
    public String toString() {
        return String.join("/", components);
    }

    /** Checks a name as sent by the client: bytes (Python's flappclient) or str. */
    static UploadName parse(Object raw, boolean allowSubdirectories) throws RemoteException {
        String name;
        if (raw instanceof byte[] bytes) {
            name = decodeUtf8(bytes);
        } else if (raw instanceof String s) {
            name = s;
        } else {
            throw RemoteException.python("builtins.TypeError", "putfile name must be bytes or str, not "
                    + (raw == null ? "None" : raw.getClass().getSimpleName()));
        }
        if (name.indexOf('\0') >= 0) {
            throw insecure(name, "contains a NUL byte");
        }
        if (name.startsWith("/")) {
            throw insecure(name, "is an absolute path");
        }
        if (!allowSubdirectories && name.indexOf('/') >= 0) {
            throw insecure(name, "contains one or more directory separators"
                    + " (this service was added without --allow-subdirectories)");
        }
        List<String> parts = new ArrayList<>(List.of(name.split("/", -1)));
        for (String part : parts) {
            if (part.isEmpty()) {
                throw insecure(name, name.isEmpty() ? "is empty" : "has an empty path component");
            }
            if (part.equals(".") || part.equals("..")) {
                throw insecure(name, "has a '" + part + "' component: it must name a file inside"
                        + " the target directory");
            }
        }
        return new UploadName(parts);
    }

    private static String decodeUtf8(byte[] bytes) throws RemoteException {
        try {
            return PythonText.decodeUtf8(bytes);
        } catch (CharacterCodingException e) {
            throw RemoteException.python(INSECURE_PATH, "upload name is not valid UTF-8");
        }
    }

    static RemoteException insecure(String name, String why) {
        return RemoteException.python(INSECURE_PATH, "upload name " + PythonText.repr(name) + " " + why);
    }

}
