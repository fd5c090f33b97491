package org.flapp.rpc.internal.call;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.flapp.rpc.Arguments;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.message.CallMessage;
import org.flapp.rpc.internal.reference.ExportTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer's calls on one connection: finds each call's target and handler, runs handlers on the
 * connection's {@link SerialExecutor} (in arrival order, one at a time), answers through the
 * {@link Outbox}, and stops reading from the socket while too many calls are unfinished.
 *
 * <p>Event loop only, except for the handlers themselves.
 */
final class InboundCalls {
    private static final Logger log = LoggerFactory.getLogger(InboundCalls.class);

    /** A piece of work whose result (a value or a stage) becomes the answer to a call. */
    interface Work {
        Object run() throws Exception;
    }

    private final BrokerHost host;
    private final Channel channel;
    private final EventLoop eventLoop;
    private final SerialExecutor serial;
    private final Outbox outbox;
    private final ExportTable exports;
    private final BrokerMethods brokerMethods;
    private final String peerTubId;
    /** The peer's calls not answered yet; bounded by maxPendingInboundCalls. */
    private int unfinished;

    InboundCalls(BrokerHost host, Channel channel, SerialExecutor serial, Outbox outbox,
                 BrokerMethods brokerMethods, ExportTable exports, String peerTubId) {
        this.host = host;
        this.channel = channel;
        this.eventLoop = channel.eventLoop();
        this.serial = serial;
        this.outbox = outbox;
        this.brokerMethods = brokerMethods;
        this.exports = exports;
        this.peerTubId = peerTubId;
    }

    /** The peer's calls not answered yet. */
    int unfinished() {
        return unfinished;
    }

    /** Runs the peer's call (its third-party references, if any, are connected). */
    void deliver(CallMessage call) {
        if (call.targetClid() == 0) {
            brokerMethods.dispatch(this, call);
            return;
        }
        Referenceable target = exports.lookup(call.targetClid());
        if (target == null) {
            sendError(call.reqId(), new ViolationException("unknown CLID " + call.targetClid()));
            return;
        }
        var handler = target.remoteMethods().find(call.methodName());
        if (handler.isEmpty()) {
            sendError(call.reqId(), new RemoteException("builtins.AttributeError",
                    "'" + target.getClass().getSimpleName() + "' object has no remote method '"
                            + call.methodName() + "'",
                    "Traceback unavailable\n",
                    List.of("builtins.AttributeError", "builtins.Exception", "builtins.BaseException",
                            "builtins.object")));
            return;
        }
        CompletableFuture<Void> answerWritten = new CompletableFuture<>();
        Arguments args = new Arguments(call.args(), call.kwargs(), peerTubId, answerWritten);
        runHandler(call.reqId(), () -> handler.get().invoke(args), answerWritten);
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
        if (++unfinished >= host.options().maxPendingInboundCalls()) {
            channel.config().setAutoRead(false);
        }
        serial.execute(() -> {
            Object result;
            try {
                result = work.run();
            } catch (Throwable t) {
                finish(reqId, null, t, answerWritten);
                return;
            }
            if (result instanceof CompletionStage<?> stage) {
                stage.whenComplete((value, error) -> finish(reqId, value, unwrap(error), answerWritten));
            } else {
                finish(reqId, result, null, answerWritten);
            }
        });
    }

    private static Throwable unwrap(Throwable error) {
        while (error instanceof CompletionException && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    /**
     * One inbound call is done: on the event loop (so the count and the socket's read state change
     * together), count it out, read again if we had stopped, and answer unless none was wanted.
     */
    private void finish(long reqId, Object value, Throwable error, CompletableFuture<Void> written) {
        if (error != null && reqId == 0) {
            log.debug("call with no answer wanted failed: {}", error.toString());
        }
        Runnable finish = () -> {
            if (--unfinished < host.options().maxPendingInboundCalls() && !channel.config().isAutoRead()) {
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

    /** Answers the peer's call {@code reqId} (nothing for 0). Event loop only. */
    void sendAnswer(long reqId, Object value) {
        sendAnswer(reqId, value, null);
    }

    private void sendAnswer(long reqId, Object value, CompletableFuture<Void> written) {
        if (reqId == 0) {
            return; // no answer wanted ({@link #finish} has completed {@code written} already)
        }
        outbox.answer(reqId, value, written);
    }

    /** Answers the peer's call {@code reqId} with an error (nothing for 0). Event loop only. */
    void sendError(long reqId, Throwable error) {
        sendError(reqId, error, null);
    }

    private void sendError(long reqId, Throwable error, CompletableFuture<Void> written) {
        if (reqId == 0) {
            return;
        }
        outbox.error(reqId, error, written);
    }
}
