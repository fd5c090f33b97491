package org.flapp.rpc.internal.message;

import org.flapp.rpc.internal.banana.DecodeContext;
import org.flapp.rpc.internal.banana.Unslicer;
import org.flapp.rpc.internal.slicer.PythonOrder;
import org.flapp.rpc.internal.slicer.ReferenceSlicers;
import org.flapp.rpc.internal.slicer.Utf8;
import org.flapp.rpc.internal.slicer.ValueEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.Signature;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.banana.BananaProtocolException;
import org.flapp.rpc.internal.banana.Tokens;

/**
 * The {@code call} message (docs/protocol.md, "PB messages"): {@code OPEN 'call' INT reqID INT|NEG clid
 * STRING method OPEN 'arguments' INT n <n values> (STRING name, value)* CLOSE CLOSE}, keyword
 * arguments sorted by name. A malformed header field is fatal, as in Foolscap.
 */
public final class CallSlicer {
    private CallSlicer() {}

    public static void write(ValueEncoder enc, long reqId, long targetClid, String method, List<?> args,
                      Map<String, ?> kwargs) {
        long call = enc.open("call");
        enc.writer.writeInt(reqId);
        enc.writer.writeInt(targetClid);
        enc.writer.writeString(method.getBytes(StandardCharsets.UTF_8));
        long arguments = enc.open("arguments");
        enc.writer.writeInt(args.size());
        for (Object arg : args) {
            enc.write(arg);
        }
        List<String> names = new ArrayList<>(kwargs.keySet());
        names.sort(PythonOrder::compareCodePoints);
        for (String name : names) {
            enc.writer.writeString(name.getBytes(StandardCharsets.UTF_8));
            enc.write(kwargs.get(name));
        }
        enc.close(arguments);
        enc.close(call);
    }

    /** The {@code call} sequence: reqID, clid, method name, arguments. */
    public static final class CallUnslicer extends Unslicer implements Abandonable {
        private int stage;
        private long reqId;
        private long clid;
        private String method;
        private Signature signature = Signature.any();
        private ArgumentsUnslicer.Result arguments;

        @Override
        public PbMessage abandoned(ViolationException cause, String text) {
            if (stage == 0 || cause == null) {
                return null;
            }
            if (cause instanceof CallRefused refused && refused.failure() != null) {
                return new RejectedCall(reqId, refused.failure());
            }
            return new RejectedCall(reqId, new ViolationException(text));
        }

        @Override
        public void checkToken(int type, long size) {
            switch (stage) {
                case 0 -> requireType(type, Tokens.INT, "request ID must be an INT");
                case 1 -> {
                    if (type != Tokens.INT && type != Tokens.NEG) {
                        throw new BananaProtocolException("object ID must be an INT/NEG");
                    }
                }
                case 2 -> {
                    if (!isString(type)) {
                        throw new BananaProtocolException("method name must be a STRING");
                    }
                }
                case 3 -> requireType(type, Tokens.OPEN, "arguments must be an 'arguments' sequence");
                default -> throw new BananaProtocolException("too many objects given to CallUnslicer");
            }
        }

        @Override
        public Unslicer openChild(String type, String second, DecodeContext ctx) {
            if (!type.equals("arguments")) {
                throw new BananaProtocolException("arguments must be an 'arguments' sequence");
            }
            return new ArgumentsUnslicer(signature);
        }

        @Override
        public void receiveChild(Object child, DecodeContext ctx) {
            switch (stage) {
                case 0 -> reqId = ReferenceSlicers.asLong(child, "request ID");
                case 1 -> clid = ReferenceSlicers.asLong(child, "object ID");
                case 2 -> {
                    method = Utf8.decodeStrict((byte[]) child, "method name");
                    stage++; // describe() names the method in a refusal
                    signature = ctx.references().inboundSignature(clid, method);
                    return;
                }
                default -> arguments = (ArgumentsUnslicer.Result) child;
            }
            stage++;
        }

        @Override
        public Object receiveClose(DecodeContext ctx) {
            if (arguments == null) {
                throw new BananaProtocolException("'call' sequence ended too early");
            }
            return new CallMessage(reqId, clid, method, arguments.args(), arguments.kwargs());
        }

        @Override
        public String describe() {
            return stage == 0 ? "<methodcall>"
                    : "<methodcall reqID=" + reqId + (method != null ? " methodname=" + method : "") + ">";
        }
    }

    /**
     * The {@code arguments} sequence: positional count, positional values, keyword pairs, each
     * value checked against the method's {@link Signature} as it arrives.
     */
    static final class ArgumentsUnslicer extends Unslicer {
        record Result(List<Object> args, Map<String, Object> kwargs) {}

        private final Signature signature;
        private Long count;
        private final List<Object> args = new ArrayList<>();
        private final Map<String, Object> kwargs = new LinkedHashMap<>();
        private String name;

        ArgumentsUnslicer(Signature signature) {
            this.signature = signature;
        }

        @Override
        public void checkToken(int type, long size) {
            if (count == null) {
                requireType(type, Tokens.INT, "posarg count must be an INT");
            } else if (args.size() >= count && name == null && !isString(type)) {
                throw new BananaProtocolException("kwarg name must be a STRING");
            }
        }

        @Override
        public Constraint childConstraint() {
            if (count == null || signature.acceptsAnything() || (args.size() >= count && name == null)) {
                return Constraint.any(); // the count, a keyword's name: checked when they arrive
            }
            if (args.size() < count) {
                return signature.params().get(args.size()).constraint();
            }
            return signature.param(name).orElseThrow().constraint();
        }

        @Override
        public void receiveChild(Object child, DecodeContext ctx) {
            if (count == null) {
                if (!(child instanceof Long n)) {
                    throw new ViolationException("too many positional arguments: " + child);
                }
                if (!signature.acceptsAnything() && n > signature.params().size()) {
                    throw new ViolationException("too many positional arguments: " + n + ">"
                            + signature.params().size());
                }
                count = n;
            } else if (args.size() < count) {
                args.add(child);
            } else if (name == null) {
                name = Utf8.decodeStrict((byte[]) child, "keyword argument name");
                checkKeyword(name);
            } else {
                kwargs.put(name, child);
                name = null;
            }
        }

        private void checkKeyword(String keyword) {
            if (signature.acceptsAnything()) {
                return;
            }
            List<Signature.Param> params = signature.params();
            int index = params.indexOf(signature.param(keyword).orElseThrow(
                    () -> new ViolationException("unknown argument '" + keyword + "'")));
            if (index < args.size() || kwargs.containsKey(keyword)) {
                throw new ViolationException("got multiple values for argument '" + keyword + "'");
            }
        }

        @Override
        public Object receiveClose(DecodeContext ctx) {
            List<Signature.Param> params = signature.params();
            for (int i = args.size(); i < params.size(); i++) {
                Signature.Param p = params.get(i);
                if (p.required() && !kwargs.containsKey(p.name())) {
                    throw new ViolationException("missing required argument '" + p.name() + "'");
                }
            }
            return new Result(args, kwargs);
        }

        @Override
        public String describe() {
            if (count == null) {
                return "<arguments>";
            }
            return args.size() < count ? "<arguments arg[" + args.size() + "]>"
                    : "<arguments arg[" + (name == null ? "?" : name) + "]>";
        }
    }
}
