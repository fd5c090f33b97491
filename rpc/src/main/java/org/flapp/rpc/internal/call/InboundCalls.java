package org.flapp.rpc.internal.call;

import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.flapp.rpc.Arguments;
import org.flapp.rpc.Completions;
import org.flapp.rpc.RpcException;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.message.CallMessage;
import org.flapp.rpc.internal.message.CallRefused;
import org.flapp.rpc.internal.message.PbMessage;
import org.flapp.rpc.internal.message.RejectedCall;
import org.flapp.rpc.internal.reference.GiftReference;
import org.flapp.rpc.internal.reference.ExportTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer's calls on one connection: delivers them strictly in arrival order (a call carrying
 * third-party references waits until they are connected, and every later call waits behind it),
 * finds each call's target and handler, runs handlers on the connection's {@link SerialExecutor}
 * (one at a time; a non-blocking one on the event loop when the serial executor is idle), and
 * answers through the {@link Outbox}. A call counts as unfinished, for the
 * {@link ReadThrottle}, from its arrival until its answer has been written to the socket.
 *
 * <p>Event loop only, except for the handlers themselves.
 */
final class InboundCalls {
    private static final Logger log = LoggerFactory.getLogger(InboundCalls.class);

    /** A piece of work whose result (a value or a stage) becomes the answer to a call. */
    interface Work {
        Object run() throws Exception;
    }

    /** A call, or a call refused while decoding, waiting for {@code ready} and for every earlier one. */
    private record Arrival(PbMessage message, CompletableFuture<Void> ready) {}

    private final EventLoop eventLoop;
    private final SerialExecutor serial;
    private final Outbox outbox;
    private final ReadThrottle throttle;
    private final ExportTable exports;
    private final BrokerMethods brokerMethods;
    private final String peerTubId;
    private final Queue<Arrival> arrivals = new ArrayDeque<>();

    InboundCalls(EventLoop eventLoop, SerialExecutor serial, Outbox outbox, ReadThrottle throttle,
                 BrokerMethods brokerMethods, ExportTable exports, String peerTubId) {
        this.eventLoop = eventLoop;
        this.serial = serial;
        this.outbox = outbox;
        this.throttle = throttle;
        this.brokerMethods = brokerMethods;
        this.exports = exports;
        this.peerTubId = peerTubId;
    }

    /**
     * The peer sent a call ({@link CallMessage}, or a {@link RejectedCall} that decoding refused)
     * whose third-party references are {@code gifts}. It is delivered once they are connected
     * and every call that arrived before it has been delivered.
     */
    void received(PbMessage call, List<GiftReference> gifts) {
        throttle.started();
        CompletableFuture<Void> ready = gifts.isEmpty() ? null : GiftReference.allResolved(gifts);
        arrivals.add(new Arrival(call, ready));
        if (ready != null) {
            ready.whenComplete((ok, error) -> eventLoop.execute(this::deliverReady));
        }
        deliverReady();
    }

    private void deliverReady() {
        Arrival head;
        while ((head = arrivals.peek()) != null && (head.ready() == null || head.ready().isDone())) {
            arrivals.poll();
            Throwable giftFailure = head.ready() == null ? null : head.ready().handle((ok, e) -> Completions.cause(e)).join();
            if (head.message() instanceof RejectedCall rejected) {
                sendError(rejected.reqId(), rejected.failure());
            } else if (head.message() instanceof CallMessage call) {
                if (giftFailure != null) {
                    sendError(call.reqId(), giftFailure);
                } else {
                    deliver(call);
                }
            }
        }
    }

    /** Runs the peer's call; ends with exactly one of runHandler, sendAnswer, sendError. */
    private void deliver(CallMessage call) {
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
            // the decoder refuses these first (ConnectionReferences.inboundSignature)
            sendError(call.reqId(), CallRefused.noSuchMethod(target, call.methodName()).failure());
            return;
        }
        CompletableFuture<Void> answerWritten = new CompletableFuture<>();
        Arguments args = Arguments.of(call.args(), call.kwargs(), peerTubId, answerWritten);
        // a non-blocking handler runs here and now, unless an earlier call still has its turn
        boolean here = target.remoteMethods().isNonBlocking(call.methodName()) && serial.isIdle();
        runHandler(call.reqId(), () -> handler.get().invoke(args), answerWritten, here);
    }

    /**
     * Runs {@code work} on the serial executor and answers {@code reqId} with its result (a value,
     * or a stage whose outcome is the answer). The call stays unfinished until that answer is
     * written, so a peer cannot make us hold unbounded work, not even with calls to a handler that
     * never answers, nor by not reading its answers.
     */
    void runHandler(long reqId, Work work) {
        runHandler(reqId, work, null, false);
    }

    /**
     * Like {@link #runHandler(long, Work)}, and completes {@code answerWritten} (if not null) once
     * the answer or error has been written to the socket (at once after the handler for a call
     * with no answer wanted); fails it if the connection is lost first. {@code here}: run
     * {@code work} on this thread (the event loop) now, not on the serial executor.
     */
    private void runHandler(long reqId, Work work, CompletableFuture<Void> answerWritten, boolean here) {
        Runnable run = () -> {
            Object result;
            try {
                result = work.run();
            } catch (Throwable t) {
                finish(reqId, null, t, answerWritten);
                return;
            }
            if (result instanceof CompletionStage<?> stage) {
                stage.whenComplete((value, error) -> finish(reqId, value, Completions.cause(error), answerWritten));
            } else {
                finish(reqId, result, null, answerWritten);
            }
        };
        if (here) {
            run.run();
        } else {
            serial.execute(run);
        }
    }

    /** A handler is done: answer on the event loop (the Outbox and the throttle live there). */
    private void finish(long reqId, Object value, Throwable error, CompletableFuture<Void> answerWritten) {
        if (error != null && reqId == 0) {
            log.debug("call with no answer wanted failed: {}", error.toString());
        }
        if (error != null && !(error instanceof RpcException)) {
            // a handler's bug: the peer gets its type and message only, the frames are here. An
            // RpcException (a violation, a remote error, a connection lost during a nested call)
            // is the peer's or the network's doing, not ours: no warning for it
            log.warn("remote method failed unexpectedly", error);
        }
        Runnable answer = () -> send(reqId, value, error, answerWritten);
        if (eventLoop.inEventLoop()) {
            answer.run(); // a direct executor or a non-blocking handler: answer now, inside the read, so flushes batch
        } else {
            eventLoop.execute(answer);
        }
    }

    /** Answers the peer's call {@code reqId} (nothing is sent for 0), ending it. Event loop only. */
    void sendAnswer(long reqId, Object value) {
        send(reqId, value, null, null);
    }

    /** Answers the peer's call {@code reqId} with an error (nothing for 0), ending it. Event loop only. */
    void sendError(long reqId, Throwable error) {
        send(reqId, null, error, null);
    }

    /** Sends the error if there is one, else the answer; the call ends once it is written. */
    private void send(long reqId, Object value, Throwable error, CompletableFuture<Void> answerWritten) {
        CompletableFuture<Void> written = endOnWrite(answerWritten);
        if (reqId == 0) {
            written.complete(null);
        } else if (error != null) {
            outbox.error(reqId, error, written);
        } else {
            outbox.answer(reqId, value, written);
        }
    }

    /** A future for the write of a call's answer: once it completes, the call is finished. */
    private CompletableFuture<Void> endOnWrite(CompletableFuture<Void> answerWritten) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        written.whenComplete((ok, error) -> {
            throttle.finished();
            if (answerWritten == null) {
                return;
            }
            if (error == null) {
                answerWritten.complete(null);
            } else {
                answerWritten.completeExceptionally(error);
            }
        });
        return written;
    }
}
