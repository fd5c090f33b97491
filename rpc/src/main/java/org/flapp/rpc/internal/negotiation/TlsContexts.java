package org.flapp.rpc.internal.negotiation;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.net.ssl.SSLException;
import org.flapp.rpc.TubIdentity;

/**
 * TLS settings for both roles of a Foolscap connection, built once per identity: the JDK
 * provider, TLS 1.3 and 1.2, our certificate presented in both directions, the server asking
 * for (but not requiring) a client certificate, no CA list, and the {@link
 * SelfSignedTrustManager}. No SNI and no host name checks: identity is the TubID. Thread-safe.
 */
final class TlsContexts {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final Map<TubIdentity, TlsContexts> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private final SslContext server;
    private final SslContext client;

    private TlsContexts(TubIdentity identity) throws SSLException {
        this.server = SslContextBuilder.forServer(identity.privateKey(), identity.certificate())
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .clientAuth(ClientAuth.OPTIONAL)
                .trustManager(SelfSignedTrustManager.INSTANCE)
                .build();
        this.client = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .keyManager(identity.privateKey(), identity.certificate())
                .trustManager(SelfSignedTrustManager.INSTANCE)
                .build();
    }

    static TlsContexts forIdentity(TubIdentity identity) {
        return CACHE.computeIfAbsent(identity, id -> {
            try {
                return new TlsContexts(id);
            } catch (SSLException e) {
                throw new IllegalStateException("cannot build TLS context for " + id + ": " + e.getMessage(), e);
            }
        });
    }

    /** A handler for the side that accepted the TCP connection. */
    SslHandler newServerHandler(ByteBufAllocator alloc) {
        return server.newHandler(alloc);
    }

    /** A handler for the side that connected; no peer host, so no SNI. */
    SslHandler newClientHandler(ByteBufAllocator alloc) {
        return client.newHandler(alloc);
    }
}
