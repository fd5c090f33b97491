package org.flapp.rpc.internal.negotiation;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.flapp.rpc.NegotiationException.Reason;
import org.flapp.rpc.PythonText;
import org.flapp.rpc.internal.clock.ConnectionClock;

/**
 * First handler on an accepted connection: reads the {@code GET /id/<TubID>} request
 * (docs/protocol.md, "Plaintext request"), answers {@code 101 Switching Protocols} and replaces
 * itself with the TLS handler and a {@link TlsNegotiationHandler}; or answers a {@code 500} line
 * and closes. After a {@code 500} it ignores whatever the peer still sends (the Python client
 * answers a 500 with an error block) and half-closes first, so that the reply is not lost to a
 * TCP reset.
 *
 * <p>The whole request must arrive within the request timeout of its acceptance: a peer that
 * trickles it in byte by byte (slow-loris) is closed silently then, long before the negotiation
 * timeout. Not sharable; event loop only.
 */
final class ServerPlaintextHandler extends PlaintextPhase {
    static final byte[] SWITCHING_PROTOCOLS = ("HTTP/1.1 101 Switching Protocols\r\n"
            + "Upgrade: TLS/1.0, PB/1.0\r\n"
            + "Connection: Upgrade\r\n"
            + "\r\n").getBytes(StandardCharsets.US_ASCII);
    /** How long a refused peer may keep its side open before we close ours. */
    private static final Duration REFUSAL_LINGER = Duration.ofSeconds(2);

    private final Duration requestTimeout;
    private ConnectionClock.Timer requestDeadline;

    ServerPlaintextHandler(NegotiationAttempt attempt, Duration requestTimeout) {
        super(attempt, TlsContexts::newServerHandler, "connection closed during the plaintext phase");
        this.requestTimeout = requestTimeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        requestDeadline = attempt.host().clock().schedule(ctx.channel().eventLoop(), requestTimeout, () -> {
            attempt.failed(Reason.TIMED_OUT, "no complete request within " + requestTimeout.toMillis() + " ms");
            ctx.close();
        });
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        requestDeadline.cancel();
        super.handlerRemoved(ctx);
    }

    @Override
    void onBlock(ChannelHandlerContext ctx, byte[] request) throws NegotiationFailure {
        requestDeadline.cancel();
        String tubId = requestedTubId(request);
        String ours = attempt.host().identity().tubId();
        if (!tubId.equals(ours)) {
            throw NegotiationFailure.told("unknown TubID " + tubId);
        }
        ctx.writeAndFlush(Unpooled.wrappedBuffer(SWITCHING_PROTOCOLS)); // plaintext: TLS is not installed yet
        upgrade(ctx);
    }

    /**
     * The TubID asked for: the first line must be three whitespace-separated words, the first
     * line must start with {@code "GET "} and the path with {@code /id/}. Other lines are ignored.
     */
    static String requestedTubId(byte[] request) throws NegotiationFailure {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        int eol = text.indexOf("\r\n");
        String firstLine = eol < 0 ? text : text.substring(0, eol);
        if (!firstLine.startsWith("GET ")) {
            throw NegotiationFailure.internal("request is not a GET: " + HeaderBlock.abbreviate(firstLine));
        }
        String[] words = NegotiationRules.splitWhitespace(pythonWhitespaceToSpace(firstLine));
        if (words.length != 3 || !words[1].startsWith("/id/")) {
            throw NegotiationFailure.internal("malformed request line: " + HeaderBlock.abbreviate(firstLine));
        }
        String tubId = decodeUtf8(words[1].substring(4).getBytes(StandardCharsets.ISO_8859_1));
        if (tubId.isEmpty()) {
            throw NegotiationFailure.told("secure Tubs require encryption");
        }
        return tubId;
    }

    @Override
    void onFailure(ChannelHandlerContext ctx, NegotiationFailure failure) {
        requestDeadline.cancel();
        attempt.failed(failure);
        ctx.writeAndFlush(WireErrors.http500(ctx.alloc(), failure.messageForPeer()))
                .addListener((ChannelFutureListener) written -> {
                    if (written.channel() instanceof DuplexChannel duplex && written.isSuccess()) {
                        duplex.shutdownOutput(); // FIN now; close once the peer is done or after a while
                        attempt.host().clock().schedule(ctx.channel().eventLoop(), REFUSAL_LINGER, ctx::close);
                    } else {
                        ctx.close();
                    }
                });
    }

    /** Python's bytes.split() also splits on vertical tab and form feed. */
    private static String pythonWhitespaceToSpace(String s) {
        return s.replace('\u000b', ' ').replace('\f', ' ');
    }

    private static String decodeUtf8(byte[] bytes) throws NegotiationFailure {
        try {
            return PythonText.decodeUtf8(bytes);
        } catch (CharacterCodingException e) {
            throw NegotiationFailure.internal("requested TubID is not UTF-8");
        }
    }
}
