package org.flapp.rpc.internal.call;

import org.flapp.rpc.internal.reference.ConnectionReferences;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.DeadReferenceException;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.RemoteReference.Subscription;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.banana.VocabTable;
import org.flapp.rpc.internal.negotiation.NegotiatedConnection;
import org.flapp.rpc.internal.reference.CallSender;
import org.flapp.rpc.internal.reference.ExportTable;
import org.flapp.rpc.internal.reference.GiftReference;
import org.flapp.rpc.internal.message.AnswerMessage;
import org.flapp.rpc.internal.message.CallMessage;
import org.flapp.rpc.internal.message.CallRefused;
import org.flapp.rpc.internal.message.ErrorMessage;
import org.flapp.rpc.internal.reference.InboundReferences;
import org.flapp.rpc.internal.banana.MessageEncoder;
import org.flapp.rpc.internal.message.PbMessage;
import org.flapp.rpc.internal.message.RejectedAnswer;
import org.flapp.rpc.internal.message.RejectedCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One negotiated connection at the PB level: it sends our calls and matches their answers, runs
 * the peer's calls on our objects, and keeps the tables of objects exported and imported on this
 * connection. Foolscap has one Broker per connection too, and the peer may call ours as clid 0.
 *
 * <p>Threads: all connection state (tables, encoder, request IDs) is touched only on the
 * channel's event loop; other threads hand it tasks. Handlers and future completions run on a
 * {@link SerialExecutor} over the Tub's call executor, in arrival order.
 */
public final class Broker extends ChannelInboundHandlerAdapter
        implements CallSender {
    private static final Logger log = LoggerFactory.getLogger(Broker.class);
    private static final byte[] PING = {(byte) 0x8e};

    private final BrokerHost host;
    private final Channel channel;
    private final EventLoop eventLoop;
    private final NegotiatedConnection connection;
    private final SerialExecutor serial;
    private final MessageEncoder encoder;
    private final ConnectionReferences references;
    private final ExportTable exports;
    private final PendingCalls pending = new PendingCalls();
    private final BrokerMethods brokerMethods;
    private final List<Runnable> disconnectCallbacks = new CopyOnWriteArrayList<>();
    /** The peer's calls not answered yet (event loop only); bounded by maxPendingInboundCalls. */
    private int inboundUnfinished;
    private volatile boolean open = true;
    private volatile String currentConnection = "";

    public Broker(BrokerHost host, Channel channel, NegotiatedConnection connection) {
        this.host = host;
        this.channel = channel;
        this.eventLoop = channel.eventLoop();
        this.connection = connection;
        this.serial = new SerialExecutor(host.callExecutor());
        VocabTable table = VocabTable.forIndex(connection.vocabTableIndex()).orElseThrow();
        this.references = new ConnectionReferences(this, host);
        this.exports = references.exports();
        this.encoder = new MessageEncoder(table, references);
        this.brokerMethods = new BrokerMethods(host, exports, references.gifts());
    }

    public NegotiatedConnection connection() {
        return connection;
    }

    /** The decoder's hooks for the references it meets on this connection. */
    public InboundReferences references() {
        return references;
    }

    public Channel channel() {
        return channel;
    }

    /** The {@code current-connection} value of the decision that set up this connection. */
    public String currentConnection() {
        return currentConnection;
    }

    public void setCurrentConnection(String value) {
        this.currentConnection = value == null ? "" : value;
    }

    @Override
    public String peerTubId() {
        return connection.peerTubId();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Closes the connection; waiting calls fail with a dead-reference error. */
    public void close() {
        channel.close();
    }

    /** Asks the peer's Broker for the object published under {@code name} (a FURL's last part). */
    public CompletableFuture<RemoteReference> getReferenceByName(String name) {
        byte[] nameBytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
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
    public io.netty.util.concurrent.Future<?> revokeName(String name) {
        return eventLoop.submit(() -> {
            int dropped = exports.revokeName(name);
            if (dropped > 0) {
                log.info("dropped {} reference(s) to a revoked name on the connection to {}", dropped,
                        shortId());
            }
        });
    }

    // ---- outbound calls (any thread) ------------------------------------------------------

    @Override
    public CompletableFuture<Object> sendCall(long clid, String interfaceName, String method,
                                              List<?> args, Map<String, ?> kwargs, Constraint answer) {
        CompletableFuture<Object> raw = new CompletableFuture<>();
        String description = (interfaceName == null || interfaceName.isEmpty() ? "" : interfaceName + ":")
                + method;
        eventLoop.execute(() -> {
            if (!open) {
                raw.completeExceptionally(new DeadReferenceException("Calling Stale Broker"));
                return;
            }
            long reqId = pending.add(raw, description, answer);
            ByteBuf message;
            try {
                message = encoder.encodeCall(channel.alloc(), reqId, clid, method, args, kwargs);
            } catch (RuntimeException e) {
                pending.take(reqId);
                raw.completeExceptionally(e);
                return;
            }
            channel.writeAndFlush(message, channel.voidPromise());
        });
        return deliverOnSerial(raw);
    }

    @Override
    public Constraint expectedAnswer(long reqId) {
        return pending.expectedAnswer(reqId);
    }

    @Override
    public CompletableFuture<Void> sendCallOnly(long clid, String method, List<?> args, Map<String, ?> kwargs) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        eventLoop.execute(() -> {
            if (!open) {
                written.completeExceptionally(new DeadReferenceException("Calling Stale Broker"));
                return;
            }
            ByteBuf message;
            try {
                message = encoder.encodeCall(channel.alloc(), 0, clid, method, args, kwargs);
            } catch (RuntimeException e) {
                log.warn("could not send {} (no answer wanted): {}", method, e.getMessage());
                written.completeExceptionally(e);
                return;
            }
            write(message, written);
        });
        // never run the caller's continuation on the event loop: it may read a pipe or a file
        return deliverOnSerial(written);
    }

    /**
     * A future that completes like {@code raw}, but on this connection's serial executor; a thread
     * blocked on it is woken by {@code raw} directly (see {@link AnswerFuture}).
     */
    private <T> CompletableFuture<T> deliverOnSerial(CompletableFuture<T> raw) {
        CompletableFuture<T> delivered = new AnswerFuture<>(raw);
        raw.whenComplete((value, error) -> serial.execute(() -> {
            if (error != null) {
                delivered.completeExceptionally(error);
            } else {
                delivered.complete(value);
            }
        }));
        return delivered;
    }

    @Override
    public Subscription onDisconnect(Runnable callback) {
        disconnectCallbacks.add(callback);
        if (!open && disconnectCallbacks.remove(callback)) {
            serial.execute(callback);
        }
        return () -> disconnectCallbacks.remove(callback);
    }

    // ---- inbound messages (event loop) ----------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof PbMessage message)) {
            ctx.fireChannelRead(msg);
            return;
        }
        List<GiftReference> waitFor = references.takeGiftsOfCurrentMessage();
        if (waitFor.isEmpty()) {
            dispatch(message);
            return;
        }
        // the message carries references to third Tubs: deliver it once they are connected
        CompletableFuture<?>[] resolutions = waitFor.stream().map(GiftReference::resolution)
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(resolutions).whenComplete((ok, error) -> eventLoop.execute(() -> {
            if (error == null) {
                dispatch(message);
            } else {
                failMessage(message, error);
            }
        }));
    }

    private void dispatch(PbMessage message) {
        if (message instanceof CallMessage call) {
            onCall(call);
        } else if (message instanceof AnswerMessage answer) {
            PendingCalls.Pending waiting = pending.take(answer.reqId());
            if (waiting != null) {
                waiting.future().complete(answer.value());
            } else {
                log.debug("answer for unknown request {} ignored", answer.reqId());
            }
        } else if (message instanceof ErrorMessage error) {
            PendingCalls.Pending waiting = pending.take(error.reqId());
            if (waiting != null) {
                waiting.future().completeExceptionally(error.failure());
            } else {
                log.debug("error for unknown request {} ignored", error.reqId());
            }
        } else if (message instanceof RejectedCall rejected) {
            sendError(rejected.reqId(), rejected.failure());
        } else if (message instanceof RejectedAnswer rejected) {
            PendingCalls.Pending waiting = pending.take(rejected.reqId());
            if (waiting != null) {
                waiting.future().completeExceptionally(new ViolationException(rejected.violation()));
            }
        }
    }

    private void failMessage(PbMessage message, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (message instanceof CallMessage call) {
            sendError(call.reqId(), cause);
        } else if (message instanceof AnswerMessage answer) {
            PendingCalls.Pending waiting = pending.take(answer.reqId());
            if (waiting != null) {
                waiting.future().completeExceptionally(cause);
            }
        }
    }

    private void onCall(CallMessage call) {
        if (call.targetClid() == 0) {
            brokerMethods.dispatch(this, call);
            return;
        }
        Referenceable target = exports.lookup(call.targetClid());
        if (target == null) {
            sendViolation(call.reqId(), "unknown CLID " + call.targetClid());
            return;
        }
        var handler = target.remoteMethods().find(call.methodName());
        if (handler.isEmpty()) { // the decoder refuses these first (ConnectionReferences.inboundSignature)
            sendError(call.reqId(), CallRefused.noSuchMethod(target, call.methodName()).failure());
            return;
        }
        CompletableFuture<Void> answerWritten = new CompletableFuture<>();
        org.flapp.rpc.Arguments args = new org.flapp.rpc.Arguments(call.args(), call.kwargs(), peerTubId(),
                answerWritten);
        runHandler(call.reqId(), () -> handler.get().invoke(args), answerWritten);
    }

    /** A piece of work whose result (a value or a stage) becomes the answer to a call. */
    interface Work {
        Object run() throws Exception;
    }

    /**
     * Runs {@code work} on the serial executor and answers {@code reqId} with its result. Stops
     * reading from the socket while too many of the peer's calls are unfinished (waiting to start,
     * running, or waiting for the stage a handler returned): a peer cannot make us hold unbounded
     * work, not even with calls to a handler that never answers. Reading resumes as calls finish.
     */
    void runHandler(long reqId, Work work) {
        runHandler(reqId, work, null);
    }

    /**
     * Like {@link #runHandler(long, Work)}, and completes {@code answerWritten} (if not null) once
     * the answer or error has been written to the socket (at once after the handler for a call
     * with no answer wanted); fails it if the connection is lost first.
     */
    private void runHandler(long reqId, Work work, CompletableFuture<Void> answerWritten) {
        if (++inboundUnfinished >= host.options().maxPendingInboundCalls()) {
            channel.config().setAutoRead(false);
        }
        serial.execute(() -> {
            Object result;
            try {
                result = work.run();
            } catch (Throwable t) {
                finishInbound(reqId, null, t, answerWritten);
                return;
            }
            if (result instanceof java.util.concurrent.CompletionStage<?> stage) {
                stage.whenComplete((value, error) -> finishInbound(reqId, value, unwrap(error), answerWritten));
            } else {
                finishInbound(reqId, result, null, answerWritten);
            }
        });
    }

    private static Throwable unwrap(Throwable error) {
        while (error instanceof java.util.concurrent.CompletionException && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    /**
     * One inbound call is done: on the event loop (so the count and the socket's read state change
     * together), count it out, read again if we had stopped, and answer unless none was wanted.
     */
    private void finishInbound(long reqId, Object value, Throwable error, CompletableFuture<Void> written) {
        if (error != null && reqId == 0) {
            log.debug("call with no answer wanted failed: {}", error.toString());
        }
        Runnable finish = () -> {
            if (--inboundUnfinished < host.options().maxPendingInboundCalls() && !channel.config().isAutoRead()) {
                channel.config().setAutoRead(true);
            }
            if (reqId == 0) {
                if (written != null) {
                    written.complete(null);
                }
                return;
            }
            if (error != null) {
                sendError(reqId, error, written);
            } else {
                sendAnswer(reqId, value, written);
            }
        };
        if (eventLoop.inEventLoop()) {
            finish.run(); // a direct call executor: answer now, inside the read, so flushes batch
        } else {
            eventLoop.execute(finish);
        }
    }

    /** Event loop only. */
    void sendAnswer(long reqId, Object value) {
        sendAnswer(reqId, value, null);
    }

    private void sendAnswer(long reqId, Object value, CompletableFuture<Void> written) {
        if (!open || reqId == 0) {
            failUnwritten(written);
            return;
        }
        if (value instanceof BrokerMethods.Named named) {
            exports.noteName(named.object(), named.name());
            value = named.object();
        }
        ByteBuf message;
        try {
            message = encoder.encodeAnswer(channel.alloc(), reqId, value);
        } catch (RuntimeException e) {
            sendError(reqId, e, written);
            return;
        }
        write(message, written);
    }

    /** Event loop only. */
    void sendError(long reqId, Throwable error) {
        sendError(reqId, error, null);
    }

    private void sendError(long reqId, Throwable error, CompletableFuture<Void> written) {
        if (!open || reqId == 0) {
            failUnwritten(written);
            return;
        }
        if (!(error instanceof RemoteException) && !(error instanceof ViolationException)) {
            log.info("remote call failed: {}", error.toString(), error);
        }
        write(encoder.encodeError(channel.alloc(), reqId, error), written);
    }

    /** Writes an answer or error; completes {@code written} (if any) when it reached the socket. */
    private void write(ByteBuf message, CompletableFuture<Void> written) {
        if (written == null) {
            channel.writeAndFlush(message, channel.voidPromise());
            return;
        }
        channel.writeAndFlush(message).addListener(f -> {
            if (f.isSuccess()) {
                written.complete(null);
            } else {
                written.completeExceptionally(new DeadReferenceException(
                        "Connection was lost (to tubid=" + shortId() + ")", f.cause()));
            }
        });
    }

    private void failUnwritten(CompletableFuture<Void> written) {
        if (written != null) {
            written.completeExceptionally(new DeadReferenceException(
                    "Connection was lost (to tubid=" + shortId() + ")"));
        }
    }

    private void sendViolation(long reqId, String text) {
        sendError(reqId, new ViolationException(text));
    }

    // ---- connection events ------------------------------------------------------------------

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(PING), ctx.voidPromise());
        } else if (event instanceof SslCloseCompletionEvent) {
            // the peer ended TLS (close_notify): it sends nothing more, and a Twisted peer waits
            // for us to close the socket before it considers the connection gone
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open = false;
        String lost = "Connection was lost (to tubid=" + shortId() + ")";
        for (PendingCalls.Pending waiting : pending.takeAll()) {
            waiting.future().completeExceptionally(
                    new DeadReferenceException(lost + " (during method=" + waiting.description() + ")"));
        }
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
        return "Broker[" + shortId() + (open ? "" : ", closed") + "]";
    }
}
