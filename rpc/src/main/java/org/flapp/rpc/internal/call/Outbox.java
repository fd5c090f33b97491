package org.flapp.rpc.internal.call;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import org.flapp.rpc.DeadReferenceException;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.RpcException;
import org.flapp.rpc.ViolationException;
import org.flapp.rpc.internal.banana.MessageEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes and writes every PB message we send on one connection: our calls, and the answers and
 * errors for the peer's calls. A message is encoded at the moment it is written, so open-IDs go
 * out in wire order.
 *
 * <p>Write back-pressure: while the channel is not writable (more than its high-water mark waits
 * for the peer to read, see {@link org.flapp.rpc.TubOptions#writeBufferHighWaterMark()}),
 * messages wait here, in order and not yet encoded, and go out once it is writable again. So the
 * bytes queued for a peer stay within the high-water mark plus one message. What waits here is
 * bounded: answers and errors to the peer's calls by {@code maxPendingInboundCalls} (a call counts
 * until its answer is written), our own calls by {@link #MAX_WAITING_CALLS} (a program that keeps
 * calling a peer that does not read gets its further calls failed at once, not queued).
 *
 * <p>Event loop only, apart from {@link #isOpen()}.
 */
final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /** A message to send; it encodes itself when the channel takes it. */
    interface Message {
        /** The encoded message; a RuntimeException means it cannot be sent (nothing was written). */
        ByteBuf encode(MessageEncoder encoder, ByteBufAllocator alloc);
    }

    private final Channel channel;
    private final MessageEncoder encoder;
    private final String peer;
    private final Queue<Waiting> waiting = new ArrayDeque<>();
    private volatile boolean open = true;

    private record Waiting(Message message, CompletableFuture<Void> written, boolean ourCall) {}

    /** Our own calls that may wait here (unencoded, in order) for a peer that does not read. */
    static final int MAX_WAITING_CALLS = 1000;
    /** How many of {@link #waiting} are our own calls. */
    private int waitingCalls;

    Outbox(Channel channel, MessageEncoder encoder, String peerShortId) {
        this.channel = channel;
        this.encoder = encoder;
        this.peer = peerShortId;
    }

    boolean isOpen() {
        return open;
    }

    /** The connection is gone: nothing more is written; messages still waiting fail. */
    void close() {
        open = false;
        Waiting w;
        while ((w = waiting.poll()) != null) {
            failUnwritten(w.written(), null);
        }
        waitingCalls = 0;
    }

    /** The channel's writability changed: once it is writable, send what waited, in order. */
    void writabilityChanged() {
        Waiting w;
        while (open && channel.isWritable() && (w = waiting.poll()) != null) {
            if (w.ourCall()) {
                waitingCalls--;
            }
            write(w.message(), w.written());
        }
    }

    /** Messages waiting for the peer to read (tests, diagnostics). */
    int waiting() {
        return waiting.size();
    }

    /** The error a caller sees when the connection went away under its call. */
    DeadReferenceException lost(Throwable cause) {
        return new DeadReferenceException("Connection was lost (to tubid=" + peer + ")", cause);
    }

    /**
     * Sends {@code message}. {@code written}, when not null, completes once the bytes reached the
     * socket, and fails with the encoding error or with {@link #lost} if they never do.
     */
    void send(Message message, CompletableFuture<Void> written) {
        send(message, written, false);
    }

    private void send(Message message, CompletableFuture<Void> written, boolean ourCall) {
        if (!open) {
            failUnwritten(written, null);
            return;
        }
        if (!waiting.isEmpty() || !channel.isWritable()) {
            if (ourCall && waitingCalls >= MAX_WAITING_CALLS) {
                if (written != null) {
                    written.completeExceptionally(new RpcException("not sent: " + MAX_WAITING_CALLS
                            + " calls already wait for the peer (tubid=" + peer + ") to read what we sent"));
                }
                return;
            }
            waiting.add(new Waiting(message, written, ourCall));
            if (ourCall) {
                waitingCalls++;
            }
            return;
        }
        write(message, written);
    }

    private void write(Message message, CompletableFuture<Void> written) {
        ByteBuf bytes;
        try {
            bytes = message.encode(encoder, channel.alloc());
        } catch (RuntimeException e) {
            if (written != null) {
                written.completeExceptionally(e);
            }
            return;
        }
        if (written == null) {
            channel.writeAndFlush(bytes, channel.voidPromise());
            return;
        }
        channel.writeAndFlush(bytes).addListener(f -> {
            if (f.isSuccess()) {
                written.complete(null);
            } else {
                failUnwritten(written, f.cause());
            }
        });
    }

    /** The answer to the peer's call {@code reqId}; a value we cannot serialize sends an error instead. */
    void answer(long reqId, Object value, CompletableFuture<Void> written) {
        send((enc, alloc) -> {
            try {
                return enc.encodeAnswer(alloc, reqId, value);
            } catch (RuntimeException e) {
                return encodeError(enc, alloc, reqId, e);
            }
        }, written);
    }

    /** The error answer to the peer's call {@code reqId}. */
    void error(long reqId, Throwable error, CompletableFuture<Void> written) {
        send((enc, alloc) -> encodeError(enc, alloc, reqId, error), written);
    }

    /** One of our calls; reqId 0 wants no answer. */
    void call(long reqId, long clid, String method, List<?> args, Map<String, ?> kwargs,
              CompletableFuture<Void> written) {
        send((enc, alloc) -> enc.encodeCall(alloc, reqId, clid, method, args, kwargs), written, true);
    }

    private static ByteBuf encodeError(MessageEncoder enc, ByteBufAllocator alloc, long reqId, Throwable error) {
        if (!(error instanceof RemoteException) && !(error instanceof ViolationException)) {
            log.info("remote call failed: {}", error.toString(), error);
        }
        return enc.encodeError(alloc, reqId, error);
    }

    private void failUnwritten(CompletableFuture<Void> written, Throwable cause) {
        if (written != null) {
            written.completeExceptionally(lost(cause));
        }
    }
}
