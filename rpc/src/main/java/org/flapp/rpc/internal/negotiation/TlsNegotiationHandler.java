package org.flapp.rpc.internal.negotiation;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.function.Function;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.flapp.rpc.NegotiationException.Reason;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.TubOptions;

/**
 * The encrypted half of negotiation, for both roles (docs/protocol.md, "TLS" and "Hello and decision"): waits for the TLS
 * handshake, checks the server's TubID (connecting side, before our hello goes out), exchanges
 * hellos, then either sends the decision (master, the larger TubID) or waits for it. When done it
 * hands the channel to {@link NegotiationHost#connectionReady}, passes on any bytes that followed
 * the negotiation, and removes itself.
 *
 * <p>Refusals take the form the peer expects at that moment: an error block while it waits for
 * blocks, a Banana ERROR token once we have told it (by being the non-master) that Banana comes
 * next. Every block is limited to 4096 bytes. Not sharable; event loop only.
 */
final class TlsNegotiationHandler extends ChannelInboundHandlerAdapter {
    private enum State { AWAITING_HANDSHAKE, AWAITING_HELLO, AWAITING_DECISION, FINISHED, FAILED }

    private final NegotiationAttempt attempt;
    private final NegotiationHost host;
    private final Function<ChannelHandlerContext, X509Certificate> peerCertificateSource;
    private final BlockBuffer buffer = new BlockBuffer();
    private State state = State.AWAITING_HANDSHAKE;
    /** True once the peer expects Banana from us (we are the non-master), so errors become ERROR tokens. */
    private boolean peerExpectsBanana;
    private X509Certificate peerCertificate;
    private String peerTubId;
    private String peerIncarnation;

    /**
     * @param peerCertificateSource how to find the peer's certificate once TLS is up (the TLS
     *     handler's session in production; tests without TLS supply one)
     */
    TlsNegotiationHandler(NegotiationAttempt attempt,
            Function<ChannelHandlerContext, X509Certificate> peerCertificateSource) {
        this.attempt = attempt;
        this.host = attempt.host();
        this.peerCertificateSource = peerCertificateSource;
    }

    /** The peer's leaf certificate from the pipeline's TLS session, or null if it sent none. */
    static X509Certificate peerCertificateFromTls(ChannelHandlerContext ctx) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509 ? x509 : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent handshake && state == State.AWAITING_HANDSHAKE) {
            if (!handshake.isSuccess()) {
                fail(ctx, NegotiationFailure.tls("TLS handshake failed: " + handshake.cause()));
                return;
            }
            try {
                handshakeDone(ctx);
                processBlocks(ctx);
            } catch (NegotiationFailure failure) {
                fail(ctx, failure);
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    private void handshakeDone(ChannelHandlerContext ctx) throws NegotiationFailure {
        peerCertificate = peerCertificateSource.apply(ctx);
        String lastConnection = null;
        if (attempt.weConnected()) {
            // check whom we reached before telling it anything about us
            if (peerCertificate == null) {
                throw NegotiationFailure.wrongTub("the server presented no certificate");
            }
            String actual = TubIdentity.tubIdOf(peerCertificate);
            if (!actual.equals(attempt.expectedTubId())) {
                throw NegotiationFailure.wrongTub("connected to the wrong Tub: expected "
                        + attempt.expectedTubId() + ", got " + actual);
            }
            lastConnection = host.lastConnectionTo(attempt.expectedTubId());
        }
        HeaderBlock hello = NegotiationRules.hello(host.identity().tubId(), host.incarnation(), lastConnection);
        ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(hello.encode()));
        state = State.AWAITING_HELLO;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in) || state == State.FAILED || state == State.FINISHED) {
            ReferenceCountUtil.release(msg);
            return;
        }
        buffer.add(ctx.alloc(), in);
        try {
            if (state == State.AWAITING_HANDSHAKE && buffer.bufferedBytes() > TubOptions.MAX_NEGOTIATION_BLOCK) {
                throw NegotiationFailure.internal("more than " + TubOptions.MAX_NEGOTIATION_BLOCK + " bytes before the TLS handshake finished");
            }
            processBlocks(ctx);
        } catch (NegotiationFailure failure) {
            fail(ctx, failure);
        }
    }

    private void processBlocks(ChannelHandlerContext ctx) throws NegotiationFailure {
        while (state == State.AWAITING_HELLO || state == State.AWAITING_DECISION) {
            byte[] block = buffer.nextBlock();
            if (block == null) {
                return;
            }
            HeaderBlock parsed = HeaderBlock.parse(block);
            if (state == State.AWAITING_HELLO) {
                onHello(ctx, parsed);
            } else {
                onDecision(ctx, parsed);
            }
        }
    }

    private void onHello(ChannelHandlerContext ctx, HeaderBlock hello) throws NegotiationFailure {
        if (hello.has(NegotiationRules.ERROR)) {
            throw NegotiationFailure.refusedByPeer(hello.get(NegotiationRules.ERROR));
        }
        int version = NegotiationRules.chooseVersion(hello);
        peerTubId = checkPeerIdentity(hello.get(NegotiationRules.MY_TUB_ID));
        peerIncarnation = hello.get(NegotiationRules.MY_INCARNATION);
        String myTubId = host.identity().tubId();
        if (peerTubId.equals(myTubId)) {
            // Foolscap would leave both sides waiting for a decision until the timeout
            throw NegotiationFailure.internal("the peer has our own TubID " + myTubId);
        }
        if (myTubId.compareTo(peerTubId) > 0) {
            sendDecision(ctx, hello, version);
        } else {
            peerExpectsBanana = true; // from now on the master expects Banana from us
            state = State.AWAITING_DECISION;
        }
    }

    /** Foolscap's identity checks on a received hello (docs/protocol.md, "TLS"); returns the proven TubID. */
    private String checkPeerIdentity(String claimedTubId) throws NegotiationFailure {
        if (peerCertificate == null) {
            throw NegotiationFailure.internal(claimedTubId == null
                    ? "the peer sent neither a certificate nor a TubID"
                    : "you must use a certificate to claim a TubID");
        }
        String proven = TubIdentity.tubIdOf(peerCertificate);
        if (!proven.equals(claimedTubId)) {
            throw NegotiationFailure.internal("TubID mismatch: the certificate is " + proven
                    + " but the hello claims " + claimedTubId);
        }
        if (attempt.weConnected() && !proven.equals(attempt.expectedTubId())) {
            throw NegotiationFailure.wrongTub("connected to the wrong Tub: expected "
                    + attempt.expectedTubId() + ", got " + proven);
        }
        return proven;
    }

    private void sendDecision(ChannelHandlerContext ctx, HeaderBlock hello, int version) throws NegotiationFailure {
        int vocabIndex = NegotiationRules.chooseVocabTable(hello);
        ExistingConnection existing = host.existingConnection(peerTubId);
        if (existing != null) {
            if (!NegotiationRules.acceptsDuplicate(hello, existing, host.incarnation())) {
                throw NegotiationFailure.told("Duplicate connection");
            }
            host.dropConnection(peerTubId);
        }
        String currentConnection = host.incarnation() + " " + host.nextSeqnum(peerTubId);
        byte[] decision = NegotiationRules.decision(version, currentConnection, vocabIndex).encode();
        // flushed alone, so it travels in its own TLS record: a Python non-master counts every byte
        // that arrives with the decision against its 4096-byte limit (docs/protocol.md, "Hello and decision")
        ctx.writeAndFlush(ctx.alloc().buffer(decision.length).writeBytes(decision));
        peerExpectsBanana = true;
        finish(ctx, new NegotiatedConnection(peerTubId, true, attempt.weConnected(), vocabIndex,
                peerIncarnation, ctx.channel().remoteAddress(), currentConnection));
    }

    private void onDecision(ChannelHandlerContext ctx, HeaderBlock decision) throws NegotiationFailure {
        int vocabIndex = NegotiationRules.acceptDecision(decision);
        if (host.existingConnection(peerTubId) != null) {
            host.dropConnection(peerTubId); // the master chose this connection over the old one
        }
        String currentConnection = NegotiationRules.currentConnection(decision);
        finish(ctx, new NegotiatedConnection(peerTubId, false, attempt.weConnected(), vocabIndex,
                peerIncarnation, ctx.channel().remoteAddress(), currentConnection));
    }

    private void finish(ChannelHandlerContext ctx, NegotiatedConnection connection) {
        state = State.FINISHED;
        boolean accepted;
        try {
            accepted = host.connectionReady(ctx.channel(), connection);
        } catch (RuntimeException e) {
            attempt.failed(Reason.NOT_ACCEPTED, "the Tub failed to take the connection: " + e, e);
            buffer.release();
            ctx.close();
            return;
        }
        if (!accepted) {
            attempt.failed(Reason.NOT_ACCEPTED, "the Tub declined the negotiated connection");
            buffer.release();
            ctx.close();
            return;
        }
        ByteBuf rest = buffer.takeRemaining(ctx.alloc());
        if (rest.isReadable()) {
            ctx.fireChannelRead(rest); // the peer's first Banana bytes, for the host's handlers
        } else {
            rest.release();
        }
        ctx.pipeline().remove(this);
        attempt.succeeded(ctx.channel());
    }

    private void fail(ChannelHandlerContext ctx, NegotiationFailure failure) {
        state = State.FAILED;
        buffer.release();
        attempt.failed(failure);
        String message = failure.messageForPeer();
        if (message != null && ctx.channel().isActive()) {
            ByteBuf refusal = peerExpectsBanana
                    ? WireErrors.bananaError(ctx.alloc(), message)
                    : WireErrors.errorBlock(ctx.alloc(), message);
            ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        buffer.release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (state != State.FINISHED) {
            attempt.failed(Reason.CONNECTION_LOST, "connection closed during negotiation");
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (state == State.FINISHED) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        state = State.FAILED;
        buffer.release();
        attempt.failed(Reason.CONNECTION_LOST, "connection error: " + cause, cause);
        ctx.close();
    }
}
