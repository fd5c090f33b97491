package org.flapp.rpc.internal.negotiation;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.flapp.rpc.NegotiationException.Reason;
import org.flapp.rpc.PythonText;

/**
 * First handler on an accepted connection: reads the {@code GET /id/<TubID>} request
 * (FOOLSCAP-WIRE.md 4.3), answers {@code 101 Switching Protocols} and replaces itself with the
 * TLS handler and a {@link TlsNegotiationHandler}; or answers a {@code 500} line and closes.
 * After a {@code 500} it ignores whatever the peer still sends (the Python client answers a 500
 * with an error block) and half-closes first, so that the reply is not lost to a TCP reset.
 * Not sharable; event loop only.
 */
final class ServerPlaintextHandler extends ChannelInboundHandlerAdapter {
    static final byte[] SWITCHING_PROTOCOLS = ("HTTP/1.1 101 Switching Protocols\r\n"
            + "Upgrade: TLS/1.0, PB/1.0\r\n"
            + "Connection: Upgrade\r\n"
            + "\r\n").getBytes(StandardCharsets.US_ASCII);
    /** How long a refused peer may keep its side open before we close ours. */
    private static final long REFUSAL_LINGER_MILLIS = 2000;

    private enum State { READING_REQUEST, REFUSED, UPGRADED }

    private final NegotiationAttempt attempt;
    private final BlockBuffer buffer = new BlockBuffer();
    private State state = State.READING_REQUEST;

    ServerPlaintextHandler(NegotiationAttempt attempt) {
        this.attempt = attempt;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state != State.READING_REQUEST || !(msg instanceof ByteBuf in)) {
            io.netty.util.ReferenceCountUtil.release(msg); // bytes after our 500 reply are ignored
            return;
        }
        buffer.add(ctx.alloc(), in);
        try {
            byte[] request = buffer.nextBlock();
            if (request != null) {
                String tubId = requestedTubId(request);
                String ours = attempt.host().identity().tubId();
                if (!tubId.equals(ours)) {
                    throw NegotiationFailure.told("unknown TubID " + tubId);
                }
                upgrade(ctx);
            }
        } catch (NegotiationFailure failure) {
            refuse(ctx, failure);
        }
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

    private void upgrade(ChannelHandlerContext ctx) {
        state = State.UPGRADED;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(SWITCHING_PROTOCOLS)); // plaintext: TLS is not installed yet
        SslHandler tls = TlsContexts.forIdentity(attempt.host().identity()).newServerHandler();
        ctx.pipeline().addAfter(ctx.name(), Negotiation.TLS_HANDLER, tls);
        ctx.pipeline().addAfter(Negotiation.TLS_HANDLER, Negotiation.NEGOTIATION_HANDLER,
                new TlsNegotiationHandler(attempt, TlsNegotiationHandler::peerCertificateFromTls));
        ByteBuf rest = buffer.takeRemaining(ctx.alloc());
        if (rest.isReadable()) {
            ctx.fireChannelRead(rest); // an eager TLS ClientHello goes to the TLS handler
        } else {
            rest.release();
        }
        ctx.pipeline().remove(this);
    }

    private void refuse(ChannelHandlerContext ctx, NegotiationFailure failure) {
        state = State.REFUSED;
        buffer.release();
        attempt.failed(failure);
        ctx.writeAndFlush(WireErrors.http500(ctx.alloc(), failure.messageForPeer()))
                .addListener((ChannelFutureListener) written -> {
                    if (written.channel() instanceof DuplexChannel duplex && written.isSuccess()) {
                        duplex.shutdownOutput(); // FIN now; close once the peer is done or after a while
                        ctx.executor().schedule(() -> ctx.close(), REFUSAL_LINGER_MILLIS, TimeUnit.MILLISECONDS);
                    } else {
                        ctx.close();
                    }
                });
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        buffer.release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        attempt.failed(Reason.CONNECTION_LOST, "connection closed during the plaintext phase");
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        attempt.failed(Reason.CONNECTION_LOST, "connection error: " + cause, cause);
        ctx.close();
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
