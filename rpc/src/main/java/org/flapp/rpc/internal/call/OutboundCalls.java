package org.flapp.rpc.internal.call;

import io.netty.channel.EventLoop;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.flapp.rpc.Completions;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.DeadReferenceException;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.message.AnswerMessage;
import org.flapp.rpc.internal.message.ErrorMessage;
import org.flapp.rpc.internal.message.PbMessage;
import org.flapp.rpc.internal.message.RejectedAnswer;
import org.flapp.rpc.internal.reference.GiftReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our calls on one connection: sends them through the {@link Outbox} and completes each caller's
 * future with the peer's answer or error, or with a dead-reference error when the connection goes.
 *
 * <p>Threads: {@link #send} and {@link #sendOnly} may be called from any thread (they hand the
 * work to the event loop); the rest is event loop only. Callers' futures complete on the
 * connection's {@link SerialExecutor}, never on the event loop.
 */
final class OutboundCalls {
    private static final Logger log = LoggerFactory.getLogger(OutboundCalls.class);

    private final EventLoop eventLoop;
    private final Outbox outbox;
    private final SerialExecutor serial;
    private final ReadThrottle throttle;
    private final PendingCalls pending = new PendingCalls();

    OutboundCalls(EventLoop eventLoop, Outbox outbox, SerialExecutor serial, ReadThrottle throttle) {
        this.eventLoop = eventLoop;
        this.outbox = outbox;
        this.serial = serial;
        this.throttle = throttle;
    }

    /** Our calls still waiting for their answer (event loop only). */
    int waiting() {
        return pending.size();
    }

    /** Sends a call that wants an answer; the future holds it. Any thread. */
    CompletableFuture<Object> send(long clid, String interfaceName, String method,
                                   List<?> args, Map<String, ?> kwargs, Constraint answer) {
        CompletableFuture<Object> raw = new CompletableFuture<>();
        String description = (interfaceName == null || interfaceName.isEmpty() ? "" : interfaceName + ":")
                + method;
        eventLoop.execute(() -> {
            if (!outbox.isOpen()) {
                raw.completeExceptionally(stale());
                return;
            }
            long reqId = pending.add(raw, description, answer);
            CompletableFuture<Void> written = new CompletableFuture<>();
            written.whenComplete((ok, error) -> {
                // a lost connection fails every pending call in connectionLost, naming the method
                if (error != null && !(error instanceof DeadReferenceException) && pending.take(reqId) != null) {
                    raw.completeExceptionally(error);
                }
            });
            outbox.call(reqId, clid, method, args, kwargs, written);
        });
        return deliverOnSerial(raw);
    }

    /** Sends a call with request ID 0; the future completes once it is written. Any thread. */
    CompletableFuture<Void> sendOnly(long clid, String method, List<?> args, Map<String, ?> kwargs) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        eventLoop.execute(() -> {
            if (!outbox.isOpen()) {
                written.completeExceptionally(stale());
                return;
            }
            written.whenComplete((ok, error) -> {
                if (error != null && !(error instanceof DeadReferenceException)) {
                    log.warn("could not send {} (no answer wanted): {}", method, error.getMessage());
                }
            });
            outbox.call(0, clid, method, args, kwargs, written);
        });
        // never run the caller's continuation on the event loop: it may read a pipe or a file
        return deliverOnSerial(written);
    }

    private static DeadReferenceException stale() {
        return new DeadReferenceException("Calling Stale Broker");
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

    /**
     * The peer answered ({@link AnswerMessage}) or failed ({@link ErrorMessage}) one of our calls;
     * an answer carrying third-party references completes the call once they are connected (it
     * counts as an unfinished inbound message meanwhile).
     */
    void received(PbMessage message, List<GiftReference> gifts) {
        if (gifts.isEmpty()) {
            dispatch(message);
            return;
        }
        throttle.started();
        GiftReference.allResolved(gifts).whenComplete((ok, error) -> eventLoop.execute(() -> {
            throttle.finished();
            if (error == null) {
                dispatch(message);
            } else if (message instanceof AnswerMessage answer) {
                fail(answer.reqId(), Completions.cause(error));
            }
        }));
    }

    private void dispatch(PbMessage message) {
        if (message instanceof AnswerMessage answer) {
            answered(answer);
        } else if (message instanceof ErrorMessage error) {
            failed(error);
        } else if (message instanceof RejectedAnswer rejected) { // over a limit or a constraint
            fail(rejected.reqId(), new ViolationException(rejected.violation()));
        }
    }

    /** The peer answered one of our calls. */
    private void answered(AnswerMessage answer) {
        PendingCalls.Pending waiting = pending.take(answer.reqId());
        if (waiting != null) {
            waiting.future().complete(answer.value());
        } else {
            log.debug("answer for unknown request {} ignored", answer.reqId());
        }
    }

    /** The peer answered one of our calls with an error. */
    private void failed(ErrorMessage error) {
        fail(error.reqId(), error.failure());
    }

    /** Fails our call {@code reqId} (an error answer, or an answer we could not take). */
    void fail(long reqId, Throwable failure) {
        PendingCalls.Pending waiting = pending.take(reqId);
        if (waiting != null) {
            waiting.future().completeExceptionally(failure);
        } else {
            log.debug("error for unknown request {} ignored", reqId);
        }
    }

    /** What the answer to our call {@code reqId} must meet; asked by the decoder. Event loop. */
    Constraint expectedAnswer(long reqId) {
        return pending.expectedAnswer(reqId);
    }

    /** The connection is gone: every call still waiting fails, naming its method. */
    void connectionLost() {
        String lost = outbox.lost(null).getMessage();
        for (PendingCalls.Pending waiting : pending.takeAll()) {
            waiting.future().completeExceptionally(
                    new DeadReferenceException(lost + " (during method=" + waiting.description() + ")"));
        }
    }
}
