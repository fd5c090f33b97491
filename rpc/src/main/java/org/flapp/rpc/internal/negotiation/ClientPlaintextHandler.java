package org.flapp.rpc.internal.negotiation;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import org.flapp.rpc.NegotiationException.Reason;

/**
 * First handler on a connection we opened: sends the {@code GET /id/<TubID>} request
 * (docs/protocol.md, "Plaintext request"), reads the reply, and on {@code 101} replaces itself
 * with the TLS handler (client mode) and a {@link TlsNegotiationHandler}. Any other reply fails
 * the attempt with the reply's status line. Not sharable; event loop only.
 */
final class ClientPlaintextHandler extends PlaintextPhase {
    ClientPlaintextHandler(NegotiationAttempt attempt) {
        super(attempt, TlsContexts::newClientHandler, "connection closed by the peer before it answered the request");
    }

    /** The exact request bytes: header order and spelling are fixed. */
    static byte[] request(String tubId, String hintHost) {
        return ("GET /id/" + tubId + " HTTP/1.1\r\n"
                + "Host: " + hintHost + "\r\n"
                + "Upgrade: TLS/1.0\r\n"
                + "Connection: Upgrade\r\n"
                + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(request(attempt.expectedTubId(), attempt.hintHost())));
        super.channelActive(ctx);
    }

    @Override
    void onBlock(ChannelHandlerContext ctx, byte[] reply) throws NegotiationFailure {
        checkReply(reply);
        upgrade(ctx); // the server waits for our ClientHello: nothing should follow its reply
    }

    @Override
    void onFailure(ChannelHandlerContext ctx, NegotiationFailure failure) {
        attempt.failed(failure);
        ctx.close();
    }

    /** Accepts a reply whose second word is {@code 101} and which mentions {@code Upgrade: TLS/1.0}. */
    static void checkReply(byte[] reply) throws NegotiationFailure {
        String text = new String(reply, StandardCharsets.UTF_8);
        int eol = text.indexOf("\r\n");
        String firstLine = eol < 0 ? text : text.substring(0, eol);
        String[] words = NegotiationRules.splitWhitespace(firstLine);
        if (words.length < 2 || !words[1].equals("101")) {
            // Foolscap answers our (well-formed) request with a 500 only when it does not host the
            // TubID we asked for; any other status is not a Tub speaking
            Reason reason = words.length >= 2 && words[1].equals("500") ? Reason.WRONG_TUB : Reason.PROTOCOL;
            throw NegotiationFailure.refusedByPeer(reason, HeaderBlock.abbreviate(firstLine.strip(), 500));
        }
        if (!text.contains("Upgrade: TLS/1.0")) {
            throw NegotiationFailure.internal("reply did not contain the TLS upgrade: " + HeaderBlock.abbreviate(text));
        }
    }
}
