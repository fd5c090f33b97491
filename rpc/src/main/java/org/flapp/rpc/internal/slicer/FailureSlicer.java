package org.flapp.rpc.internal.slicer;

import org.flapp.rpc.internal.banana.CodecLimits;
import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.internal.banana.Unslicer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.banana.BananaProtocolException;
import org.flapp.rpc.internal.banana.Tokens;

/**
 * A copied Failure (docs/protocol.md, "Failures"): {@code OPEN 'copyable' 'twisted.python.failure.Failure'
 * 'value' v 'type' t 'traceback' tb 'parents' [..] CLOSE}, all byte strings, in that order.
 *
 * <p>Outbound, Foolscap's caps are applied as its FailureSlicer does (counted in characters, as
 * Python's {@code len(str)}): type over 200 → 197 + "..", value over 1000 → 997 + "..",
 * traceback over 1900 → first 700 + "\n\n-- TRACEBACK ELIDED --\n\n" + last 1200, each parent
 * over 200 → 197 + "..". Beyond Python, a capped text whose UTF-8 is still longer than the
 * receiver's byte limit (200/1000/2000/200) is cut further, so a Python peer never refuses it.
 *
 * <p>Inbound, the receiver's constraint: only those four keys (another → Violation), each a
 * STRING within its byte limit (Violation otherwise), parents a list of STRINGs ≤ 200 bytes; a
 * missing key is fatal. The result is a {@link RemoteException}, strings decoded leniently.
 */
public final class FailureSlicer {
    public static final String CLASS_NAME = "twisted.python.failure.Failure";
    private static final String ELIDED = "\n\n-- TRACEBACK ELIDED --\n\n";

    static final String VIOLATION_TYPE = "foolscap.tokens.Violation";
    /** foolscap.tokens.Violation derives directly from Exception (checked in tokens.py, 21.7.0). */
    static final List<String> VIOLATION_PARENTS = RemoteException.python(VIOLATION_TYPE, "").parents();

    private FailureSlicer() {}

    /** The four fields as they go on the wire, caps applied. */
    public record Fields(String type, String value, String traceback, List<String> parents) {
        public static Fields of(Throwable failure) {
            if (failure instanceof RemoteException remote) {
                return capped(remote.type(), remote.value(), remote.remoteTraceback(), remote.parents());
            }
            String value = failure.getMessage() == null ? "" : failure.getMessage();
            if (failure instanceof ViolationException) {
                return capped(VIOLATION_TYPE, value, RemoteException.tracebackText(VIOLATION_TYPE, value),
                        VIOLATION_PARENTS);
            }
            // an unexpected Java exception: its class names the type; no frames go to the peer
            List<String> parents = new ArrayList<>();
            for (Class<?> c = failure.getClass(); c != null; c = c.getSuperclass()) {
                parents.add(c.getName());
            }
            String type = failure.getClass().getName();
            return capped(type, value, RemoteException.tracebackText(type, value), parents);
        }

        static Fields capped(String type, String value, String traceback, List<String> parents) {
            List<String> cappedParents = new ArrayList<>();
            for (String parent : parents) {
                cappedParents.add(fitBytes(truncate(parent, CodecLimits.MAX_FAILURE_PARENT), CodecLimits.MAX_FAILURE_PARENT));
            }
            return new Fields(fitBytes(truncate(type, CodecLimits.MAX_FAILURE_TYPE), CodecLimits.MAX_FAILURE_TYPE),
                    fitBytes(truncate(value, CodecLimits.MAX_FAILURE_VALUE), CodecLimits.MAX_FAILURE_VALUE),
                    fitBytes(elide(traceback), CodecLimits.MAX_FAILURE_TRACEBACK), cappedParents);
        }
    }

    public static void write(ValueEncoder enc, Fields fields) {
        long id = enc.open("copyable");
        enc.writer.writeString(CLASS_NAME);
        field(enc, "value", fields.value());
        field(enc, "type", fields.type());
        field(enc, "traceback", fields.traceback());
        enc.writer.writeString("parents");
        long list = enc.open("list");
        for (String parent : fields.parents()) {
            enc.writer.writeString(parent.getBytes(StandardCharsets.UTF_8));
        }
        enc.close(list);
        enc.close(id);
    }

    private static void field(ValueEncoder enc, String key, String text) {
        enc.writer.writeString(key);
        enc.writer.writeString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Python's call.truncate: over {@code limit} characters → first limit-3 + "..". */
    static String truncate(String s, int limit) {
        if (s.codePointCount(0, s.length()) <= limit) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, limit - 3)) + "..";
    }

    /** FailureSlicer's traceback rule: over 1900 characters → first 700 + marker + last 1200. */
    static String elide(String traceback) {
        int length = traceback.codePointCount(0, traceback.length());
        if (length <= 1900) {
            return traceback;
        }
        return traceback.substring(0, traceback.offsetByCodePoints(0, 700)) + ELIDED
                + traceback.substring(traceback.offsetByCodePoints(0, length - 1200));
    }

    /** Cuts at a character boundary so the UTF-8 fits the receiver's byte limit (ASCII: no-op). */
    static String fitBytes(String s, int byteLimit) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= byteLimit) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        int bytes = 2; // room for ".."
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > byteLimit) {
                break;
            }
            sb.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return sb.append("..").toString();
    }

    /** The copyable's body: alternating attribute names and values. */
    public static final class FailureUnslicer extends Unslicer {
        private String key;
        private byte[] value;
        private byte[] type;
        private byte[] traceback;
        private List<String> parents;

        @Override
        public void checkToken(int tokenType, long size) {
            if (key == null) {
                if (!isString(tokenType)) {
                    throw new BananaProtocolException("Failure attribute names must be STRINGs");
                }
                return;
            }
            if (key.equals("parents")) {
                if (tokenType != Tokens.OPEN) {
                    throw new ViolationException("Failure parents must be a list");
                }
                return;
            }
            if (tokenType != Tokens.STRING && tokenType != Tokens.VOCAB) {
                throw new ViolationException(Tokens.name(tokenType) + " token rejected by ByteStringConstraint");
            }
            int limit = switch (key) {
                case "type" -> CodecLimits.MAX_FAILURE_TYPE;
                case "value" -> CodecLimits.MAX_FAILURE_VALUE;
                default -> CodecLimits.MAX_FAILURE_TRACEBACK;
            };
            if (size > limit) {
                throw new ViolationException("token too large: " + size + ">" + limit);
            }
        }

        @Override
        public Unslicer openChild(String openType, String second, DecodeContext ctx) {
            if (!"parents".equals(key) || !openType.equals("list")) {
                throw new ViolationException("OPEN token rejected by ByteStringConstraint");
            }
            return new ParentsUnslicer();
        }

        @Override
        @SuppressWarnings("unchecked")
        public void receiveChild(Object child, DecodeContext ctx) {
            if (key == null) {
                String name = Utf8.decodeLenient((byte[]) child);
                if (!List.of("value", "type", "traceback", "parents").contains(name)) {
                    throw new ViolationException("unknown attribute '" + name + "'");
                }
                key = name;
                return;
            }
            switch (key) {
                case "value" -> value = (byte[]) child;
                case "type" -> type = (byte[]) child;
                case "traceback" -> traceback = (byte[]) child;
                default -> parents = (List<String>) child;
            }
            key = null;
        }

        @Override
        public Object receiveClose(DecodeContext ctx) {
            if (value == null || type == null || traceback == null || parents == null) {
                throw new BananaProtocolException("Failure is missing one of value, type, traceback, parents");
            }
            return new RemoteException(Utf8.decodeLenient(type), Utf8.decodeLenient(value),
                    Utf8.decodeLenient(traceback), parents);
        }

        @Override
        public String describe() {
            return "<" + CLASS_NAME + ">";
        }
    }

    /** The parents list: byte strings of at most 200 bytes each. */
    static final class ParentsUnslicer extends Unslicer {
        private final List<String> parents = new ArrayList<>();

        @Override
        public void checkToken(int tokenType, long size) {
            if (!isString(tokenType)) {
                throw new ViolationException(Tokens.name(tokenType) + " token rejected by ByteStringConstraint");
            }
            if (size > CodecLimits.MAX_FAILURE_PARENT) {
                throw new ViolationException("token too large: " + size + ">" + CodecLimits.MAX_FAILURE_PARENT);
            }
        }

        @Override
        public Unslicer openChild(String openType, String second, DecodeContext ctx) {
            throw new ViolationException("OPEN token rejected by ByteStringConstraint");
        }

        @Override
        public void receiveChild(Object child, DecodeContext ctx) {
            parents.add(Utf8.decodeLenient((byte[]) child));
        }

        @Override
        public Object receiveClose(DecodeContext ctx) {
            return parents;
        }

        @Override
        public String describe() {
            return "[" + parents.size() + "]";
        }
    }
}
