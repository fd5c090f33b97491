package org.flapp.rpc.internal.reference;

import org.flapp.rpc.internal.call.BrokerHost;
import org.flapp.rpc.internal.call.BrokerMethods;
import org.flapp.rpc.internal.message.CallRefused;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.furl.BadFurlException;
import org.flapp.rpc.furl.Furl;

/**
 * How references cross one connection: what the decoder makes of my-, your- and their-references
 * it meets, and what the encoder sends for a {@link Referenceable} or a {@link RemoteReference}.
 * Owns the connection's export, import and gift tables. Event-loop confined.
 */
public final class ConnectionReferences implements InboundReferences, OutboundReferences {
    private final CallSender connection;
    private final BrokerHost host;
    private final ExportTable exports = new ExportTable();
    private final ImportTable imports;
    private final GiftTable gifts = new GiftTable();
    /** Their-references met while decoding the current message; it waits for them. */
    private List<GiftReference> giftsInCurrentMessage = new ArrayList<>();
    /** Their-references being connected (completions come from other event loops). */
    private final AtomicInteger giftLookups = new AtomicInteger();

    public ConnectionReferences(CallSender connection, BrokerHost host) {
        this.connection = connection;
        this.host = host;
        this.imports = new ImportTable(connection);
    }

    public ExportTable exports() {
        return exports;
    }

    public GiftTable gifts() {
        return gifts;
    }

    /** The third-party references of the message just decoded (empty for most messages). */
    public List<GiftReference> takeGiftsOfCurrentMessage() {
        if (giftsInCurrentMessage.isEmpty()) {
            return List.of();
        }
        List<GiftReference> taken = giftsInCurrentMessage;
        giftsInCurrentMessage = new ArrayList<>();
        return taken;
    }

    @Override
    public Object myReference(long clid, String interfaceName, String url) {
        if (url != null) {
            String claimed;
            try {
                claimed = Furl.parse(url).tubId();
            } catch (BadFurlException e) {
                // the hook may only fail the message (a Violation) or the connection, nothing else
                throw new ViolationException("inbound reference has a bad URL: " + e.getMessage());
            }
            if (!claimed.equals(connection.peerTubId())) {
                throw new ViolationException("inbound reference claims bad tubid " + claimed);
            }
        }
        return imports.received(clid, interfaceName, url);
    }

    @Override
    public Signature inboundSignature(long clid, String method) {
        if (clid == 0) {
            return BrokerMethods.signature(method).orElseThrow(
                    () -> CallRefused.violation("method '" + method + "' not defined in RIBroker"));
        }
        Referenceable target = exports.lookup(clid);
        if (target == null) {
            throw CallRefused.violation("unknown CLID " + clid);
        }
        return target.remoteMethods().signature(method)
                .orElseThrow(() -> CallRefused.noSuchMethod(target, method));
    }

    @Override
    public Constraint expectedAnswer(long reqId) {
        return connection.expectedAnswer(reqId);
    }

    @Override
    public Object yourReference(long clid) {
        Referenceable object = exports.lookup(clid);
        if (object == null) {
            throw new ViolationException("your-reference to unknown clid " + clid);
        }
        return object;
    }

    /**
     * A their-reference: with gifts off (the default) a Violation for the message carrying it,
     * before anything is dialled; with gifts on, a connection to the third Tub, at most
     * {@code maxGiftLookups} under way at once on this connection.
     */
    @Override
    public Object theirReference(long giftId, String furl) {
        if (!host.options().acceptGifts()) {
            throw new ViolationException("third-party references (gifts) are not accepted by this Tub");
        }
        int limit = host.options().maxGiftLookups();
        if (giftLookups.incrementAndGet() > limit) {
            giftLookups.decrementAndGet();
            throw new ViolationException("more than maxGiftLookups " + limit
                    + " third-party references connecting at once");
        }
        CompletableFuture<RemoteReference> resolution = host.getReference(furl);
        resolution.whenComplete((ref, error) -> giftLookups.decrementAndGet());
        GiftReference gift = new GiftReference(furl, resolution);
        giftsInCurrentMessage.add(gift);
        if (giftId != 0) {
            // tell the sender it may let go of the gift once we hold our own reference
            resolution.thenRun(() -> connection.sendCallOnly(0, "decgift", List.of(),
                    Map.of("giftID", giftId, "count", 1L)));
        }
        return gift;
    }

    @Override
    public OutboundReference describe(Object value) {
        if (value instanceof Referenceable object) {
            ExportTable.Export export = exports.send(object);
            if (!ExportTable.isFirstSend(export)) {
                return new OutboundReference.Mine(export.clid(), null, null);
            }
            String name = export.anyName();
            String url = name == null ? null : host.furlFor(name).orElse(null);
            return new OutboundReference.Mine(export.clid(), object.remoteMethods().interfaceName(), url);
        }
        if (value instanceof GiftReference gift && gift.target() != null) {
            value = gift.target();
        }
        if (value instanceof RemoteReferenceImpl proxy) {
            if (proxy.sender() == connection) {
                return new OutboundReference.Yours(proxy.clid());
            }
            String furl = proxy.furl().orElseThrow(() -> new ViolationException(
                    "cannot pass a reference to a third Tub's object that came without a FURL"));
            return new OutboundReference.Theirs(gifts.hold(proxy), furl);
        }
        return null;
    }
}
