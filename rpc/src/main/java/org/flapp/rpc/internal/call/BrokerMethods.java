package org.flapp.rpc.internal.call;

import org.flapp.rpc.internal.reference.ConnectionReferences;
import org.flapp.rpc.internal.reference.GiftTable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.Signature;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.reference.ExportTable;
import org.flapp.rpc.internal.message.CallMessage;

/**
 * The methods of the Broker itself (clid 0), which Foolscap declares as {@code RIBroker}:
 * {@code getReferenceByName(name)}, {@code decref(clid, count)} and {@code decgift(giftID, count)}.
 * An explicit table, with the argument constraints RIBroker declares ({@link #signature}), which
 * the decoder checks before any argument is built: so a call to clid 0 can never carry more than
 * a short byte string or two integers, whatever a peer sends before it holds any reference.
 */
public final class BrokerMethods {
    /** Longest name getReferenceByName accepts: swissnums are 32 characters, registered names short. */
    static final int MAX_NAME_LENGTH = 1000;

    private static final Map<String, Signature> SIGNATURES = Map.of(
            "getReferenceByName", Signature.of(Signature.required("name", Constraint.bytes(MAX_NAME_LENGTH))),
            "decref", Signature.of(Signature.required("clid", Constraint.integer()),
                    Signature.required("count", Constraint.integer())),
            "decgift", Signature.of(Signature.required("giftID", Constraint.integer()),
                    Signature.required("count", Constraint.integer())));


    private final BrokerHost host;
    private final ExportTable exports;
    private final GiftTable gifts;
    private final Executor eventLoop;
    private final Runnable referenceObtained;

    /** @param referenceObtained told (on the event loop) each time a look-up by name succeeds */
    BrokerMethods(BrokerHost host, ConnectionReferences references, Executor eventLoop, Runnable referenceObtained) {
        this.host = host;
        this.exports = references.exports();
        this.gifts = references.gifts();
        this.eventLoop = eventLoop;
        this.referenceObtained = referenceObtained;
    }

    /** RIBroker's argument constraints for {@code method}; empty for a method RIBroker lacks. */
    public static Optional<Signature> signature(String method) {
        return Optional.ofNullable(SIGNATURES.get(method));
    }

    /** Runs a call addressed to clid 0. Event loop only. */
    void dispatch(InboundCalls calls, CallMessage call) {
        try {
            switch (call.methodName()) {
                case "getReferenceByName" -> {
                    String name = nameArgument(call);
                    calls.runHandler(call.reqId(), () -> lookUp(name));
                }
                case "decref" -> {
                    exports.decref(longArgument(call, 0, "clid"), longArgument(call, 1, "count"));
                    calls.sendAnswer(call.reqId(), null);
                }
                case "decgift" -> {
                    gifts.release(longArgument(call, 0, "giftID"));
                    calls.sendAnswer(call.reqId(), null);
                }
                default -> throw new ViolationException(
                        "method '" + call.methodName() + "' not defined in RIBroker");
            }
        } catch (ViolationException e) {
            calls.sendError(call.reqId(), e);
        }
    }

    /** Runs on the call executor (the lookup may block); the answer is the object found. */
    private CompletionStage<Referenceable> lookUp(String name) throws Exception {
        Referenceable object = host.resolveName(name);
        if (object == null) {
            String start = name.length() > 2 ? name.substring(0, 2) : name;
            throw RemoteException.python("builtins.KeyError",
                    "\"unable to find reference for name starting with '" + start + "'\"", "builtins.LookupError");
        }
        // the export table belongs to the event loop: record the name there, before the answer
        // is encoded (its first send carries the FURL made from that name)
        return CompletableFuture.supplyAsync(() -> {
            exports.noteName(object, name);
            referenceObtained.run();
            return object;
        }, eventLoop);
    }

    /** RIBroker declares {@code name} a byte string: text is refused, as Foolscap does. */
    private static String nameArgument(CallMessage call) {
        Object value = argument(call, 0, "name");
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        throw new ViolationException("getReferenceByName: name must be a byte string, not "
                + (value == null ? "None" : value.getClass().getSimpleName()));
    }

    private static long longArgument(CallMessage call, int position, String name) {
        Object value = argument(call, position, name);
        if (value instanceof Long l) {
            return l;
        }
        throw new ViolationException(call.methodName() + ": " + name + " must be an int");
    }

    private static Object argument(CallMessage call, int position, String name) {
        if (call.kwargs().containsKey(name)) {
            return call.kwargs().get(name);
        }
        if (position < call.args().size()) {
            return call.args().get(position);
        }
        throw new ViolationException(call.methodName() + ": missing argument '" + name + "'");
    }
}
