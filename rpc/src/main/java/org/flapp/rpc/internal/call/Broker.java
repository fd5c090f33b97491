package org.flapp.rpc.internal.call;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.RemoteReference.Subscription;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.banana.MessageEncoder;
import org.flapp.rpc.internal.banana.VocabTable;
import org.flapp.rpc.internal.message.CallMessage;
import org.flapp.rpc.internal.message.PbMessage;
import org.flapp.rpc.internal.message.RejectedCall;
import org.flapp.rpc.internal.negotiation.NegotiatedConnection;
import org.flapp.rpc.internal.reference.CallSender;
import org.flapp.rpc.internal.reference.ConnectionReferences;
import org.flapp.rpc.internal.reference.GiftReference;
import org.flapp.rpc.internal.reference.InboundReferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One negotiated connection at the PB level, as the rest of the Tub sees it (Foolscap has one
 * Broker per connection too, and the peer may call ours as clid 0). It is the last handler of the
 * channel's pipeline and hands each decoded message to the part that owns it:
 * {@link InboundCalls} (the peer's calls on our objects), {@link OutboundCalls} (our calls and
 * their answers), both writing through one {@link Outbox}; {@link ConnectionReferences} keeps the
 * reference tables.
 *
 * <p>Threads: all connection state (tables, encoder, request IDs) is touched only on the
 * channel's event loop; other threads hand it tasks. Handlers and future completions run on a
 * {@link SerialExecutor} over the Tub's call executor, in arrival order.
 */
public final class Broker extends ChannelInboundHandlerAdapter implements CallSender {
    private static final Logger log = LoggerFactory.getLogger(Broker.class);

    private final BrokerHost host;
    private final Channel channel;
    private final EventLoop eventLoop;
    private final NegotiatedConnection connection;
    private final SerialExecutor serial;
    private final ConnectionReferences references;
    private final ReadThrottle throttle;
    private final Outbox outbox;
    private final OutboundCalls outbound;
    private final InboundCalls inbound;
    private final List<Runnable> disconnectCallbacks = new CopyOnWriteArrayList<>();
    private volatile String currentConnection = "";

    public Broker(BrokerHost host, Channel channel, NegotiatedConnection connection) {
        this.host = host;
        this.channel = channel;
        this.eventLoop = channel.eventLoop();
        this.connection = connection;
        this.serial = new SerialExecutor(host.callExecutor());
        VocabTable table = VocabTable.forIndex(connection.vocabTableIndex()).orElseThrow();
        this.references = new ConnectionReferences(this, host);
        TubOptions options = host.options();
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(
                options.writeBufferLowWaterMark(), options.writeBufferHighWaterMark()));
        this.throttle = new ReadThrottle(channel, options.maxPendingInboundCalls());
        this.outbox = new Outbox(channel, new MessageEncoder(table, references), shortId());
        this.outbound = new OutboundCalls(eventLoop, outbox, serial, throttle);
        BrokerMethods brokerMethods = new BrokerMethods(host, references, eventLoop,
                () -> channel.pipeline().fireUserEventTriggered(ReferenceObtained.INSTANCE)); // ends the grace time
        this.inbound = new InboundCalls(eventLoop, serial, outbox, throttle, brokerMethods, references.exports(),
                connection.peerTubId());
    }

    // ---- what negotiation decided

    public NegotiatedConnection connection() {
        return connection;
    }

    @Override
    public String peerTubId() {
        return connection.peerTubId();
    }

    /** The {@code current-connection} value of the decision that set up this connection. */
    public String currentConnection() {
        return currentConnection;
    }

    public void setCurrentConnection(String value) {
        this.currentConnection = value == null ? "" : value;
    }

    // ---- the channel and what flows on it

    public Channel channel() {
        return channel;
    }

    /** Closes the connection; waiting calls fail with a dead-reference error. */
    public void close() {
        channel.close();
    }

    @Override
    public boolean isOpen() {
        return outbox.isOpen();
    }

    /** True while a call is in progress in either direction (event loop only; for the idle timer). */
    public boolean hasUnfinishedCalls() {
        return throttle.unfinished() > 0 || outbound.waiting() > 0;
    }

    /** The decoder's hooks for the references it meets on this connection. */
    public InboundReferences references() {
        return references;
    }

    /** Asks the peer's Broker for the object published under {@code name} (a FURL's last part). */
    public CompletableFuture<RemoteReference> getReferenceByName(String name) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        return sendCall(0, "RIBroker", "getReferenceByName", List.of(), Map.of("name", nameBytes))
                .thenApply(answer -> {
                    if (answer instanceof RemoteReference ref) {
                        return ref;
                    }
                    throw new ViolationException("getReferenceByName answered with "
                            + (answer == null ? "None" : answer.getClass().getSimpleName())
                            + " instead of a reference");
                });
    }

    /**
     * Drops every object handed out under {@code name} (the name was revoked). The returned future
     * completes once done: a call that the event loop reads after that finds nothing.
     */
    public Future<?> revokeName(String name) {
        return eventLoop.submit(() -> {
            int dropped = references.exports().revokeName(name);
            if (dropped > 0) {
                log.info("dropped {} reference(s) to a revoked name on the connection to {}", dropped,
                        shortId());
            }
        });
    }

    @Override
    public CompletableFuture<Object> sendCall(long clid, String interfaceName, String method,
                                              List<?> args, Map<String, ?> kwargs, Constraint answer) {
        return outbound.send(clid, interfaceName, method, args, kwargs, answer);
    }

    @Override
    public Constraint expectedAnswer(long reqId) {
        return outbound.expectedAnswer(reqId);
    }

    @Override
    public CompletableFuture<Void> sendCallOnly(long clid, String method, List<?> args, Map<String, ?> kwargs) {
        return outbound.sendOnly(clid, method, args, kwargs);
    }

    @Override
    public Subscription onDisconnect(Runnable callback) {
        disconnectCallbacks.add(callback);
        if (!isOpen() && disconnectCallbacks.remove(callback)) {
            serial.execute(callback);
        }
        return () -> disconnectCallbacks.remove(callback);
    }

    // ---- pipeline events (event loop) ---------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof PbMessage message)) {
            ctx.fireChannelRead(msg);
            return;
        }
        List<GiftReference> gifts = references.takeGiftsOfCurrentMessage();
        if (message instanceof RejectedCall) {
            // refused while decoding: its answer need not wait for the gifts it started (they
            // still count against maxGiftLookups until their connections are done)
            inbound.received(message, List.of());
        } else if (message instanceof CallMessage) {
            inbound.received(message, gifts);
        } else {
            outbound.received(message, gifts);
        }
    }

    /** The peer stopped or resumed reading what we write: hold or release our messages and our reading. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        outbox.writabilityChanged();
        throttle.writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        outbox.close();
        outbound.connectionLost();
        for (Runnable callback : disconnectCallbacks) {
            serial.execute(callback);
        }
        disconnectCallbacks.clear();
        host.brokerClosed(this);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("connection to {} failed: {}", shortId(), cause.toString());
        ctx.close();
    }

    String shortId() {
        String id = peerTubId();
        return id.length() > 4 ? id.substring(0, 4) : id;
    }

    @Override
    public String toString() {
        return "Broker[" + shortId() + (isOpen() ? "" : ", closed") + "]";
    }
}
