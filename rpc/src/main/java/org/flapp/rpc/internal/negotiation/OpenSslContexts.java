package org.flapp.rpc.internal.negotiation;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSessionContext;
import org.flapp.rpc.TubIdentity;

/**
 * The TLS settings of {@link TlsContexts} on Netty's OpenSSL engine (BoringSSL, from
 * netty-tcnative): the same protocols, key manager, trust manager, optional client certificate
 * and session-cache bounds, but AES-GCM in BoringSSL's assembly from the first byte, where the
 * JDK's engine runs Java code until the JIT has compiled it (seconds of CPU in a short upload).
 * One context per role, as Netty's contexts are. {@code -Dflapp.tls=jdk} keeps the JDK's engine.
 */
final class OpenSslContexts {
    private final SslContext server;
    private final SslContext client;

    OpenSslContexts(TubIdentity identity, String[] protocols, int sessionCacheSize, int sessionTimeoutSeconds)
            throws SSLException {
        IdentityKeyManager keys = new IdentityKeyManager(identity);
        this.server = SslContextBuilder.forServer(keys).sslProvider(SslProvider.OPENSSL)
                .trustManager(SelfSignedTrustManager.INSTANCE).clientAuth(ClientAuth.OPTIONAL)
                .protocols(protocols).sessionCacheSize(sessionCacheSize).sessionTimeout(sessionTimeoutSeconds)
                .build();
        this.client = SslContextBuilder.forClient().keyManager(keys).sslProvider(SslProvider.OPENSSL)
                .trustManager(SelfSignedTrustManager.INSTANCE)
                .protocols(protocols).sessionCacheSize(sessionCacheSize).sessionTimeout(sessionTimeoutSeconds)
                .build();
    }

    /** Whether to use it: the native library loads here and nobody asked for the JDK's engine. */
    static boolean wanted() {
        return !"jdk".equals(System.getProperty("flapp.tls")) && OpenSsl.isAvailable();
    }

    SSLEngine newEngine(boolean clientMode) {
        // no peer host: no SNI, and the TubID, not a host name, is what gets checked
        return (clientMode ? client : server).newEngine(ByteBufAllocator.DEFAULT);
    }

    SSLSessionContext[] sessionContexts() {
        return new SSLSessionContext[] {server.sessionContext(), client.sessionContext()};
    }
}
