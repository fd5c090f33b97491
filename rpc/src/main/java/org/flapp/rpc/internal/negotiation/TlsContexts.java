package org.flapp.rpc.internal.negotiation;

import io.netty.handler.ssl.SslHandler;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import org.flapp.rpc.TubIdentity;

/**
 * TLS settings for both roles of a Foolscap connection, built once per identity: Netty's OpenSSL
 * engine where its native library loads ({@link OpenSslContexts}), else the JDK's; TLS 1.3 and 1.2, our certificate presented in both directions ({@link
 * IdentityKeyManager}), the server asking for (but not requiring) a client certificate, no CA
 * list, and the {@link SelfSignedTrustManager}. No SNI and no host name checks: identity is the
 * TubID. Thread-safe.
 *
 * <p>One plain {@link SSLContext} serves both roles, and its engines go straight into Netty's
 * {@link SslHandler}. Netty's {@code SslContextBuilder} would do the same in the end, but its
 * first use initialises a default {@code SSLContext}, which parses the JDK's whole CA store
 * ({@code cacerts}), and it builds key managers through an in-memory {@code KeyStore}: about
 * 150-250 ms of a short-lived client's start-up, none of it needed here.
 * {@link #prepareAsync} lets a Tub build the context while its first connection is still in the
 * plaintext phase.
 */
final class TlsContexts {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final Map<TubIdentity, TlsContexts> CACHE = Collections.synchronizedMap(new WeakHashMap<>());
    /**
     * TLS sessions kept for resumption. Foolscap peers do not resume (TLS 1.3 uses stateless
     * tickets anyway), but a TLS 1.2 peer that sends no ticket extension leaves a session behind
     * per connection, and the JDK's default keeps 20480 of them for a day: a churn of fresh
     * identities would hold megabytes of certificates. 0 would mean "no limit".
     */
    static final int SESSION_CACHE_SIZE = 256;
    static final int SESSION_TIMEOUT_SECONDS = 3600;

    private final SSLContext context;
    private final OpenSslContexts openSsl;

    private TlsContexts(TubIdentity identity) throws GeneralSecurityException, SSLException {
        if (OpenSslContexts.wanted()) {
            this.context = null;
            this.openSsl = new OpenSslContexts(identity, PROTOCOLS, SESSION_CACHE_SIZE, SESSION_TIMEOUT_SECONDS);
            return;
        }
        this.openSsl = null;
        this.context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new IdentityKeyManager(identity)},
                new TrustManager[] {SelfSignedTrustManager.INSTANCE}, null);
        for (SSLSessionContext sessions : new SSLSessionContext[] {
                context.getServerSessionContext(), context.getClientSessionContext()}) {
            sessions.setSessionCacheSize(SESSION_CACHE_SIZE);
            sessions.setSessionTimeout(SESSION_TIMEOUT_SECONDS);
        }
    }

    static TlsContexts forIdentity(TubIdentity identity) {
        return CACHE.computeIfAbsent(identity, id -> {
            try {
                return new TlsContexts(id);
            } catch (GeneralSecurityException | SSLException e) {
                throw new IllegalStateException("cannot build TLS context for " + id + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * Starts building (and caching) the context for {@code identity} on the common pool, unless
     * it exists, so that the first handshake does not wait for it (or waits less: a caller of
     * {@link #forIdentity} meanwhile waits for this build instead of starting another).
     */
    static void prepareAsync(TubIdentity identity) {
        if (!CACHE.containsKey(identity)) {
            CompletableFuture.runAsync(() -> forIdentity(identity).newEngine(true));
        }
    }

    /** The session caches of both roles (tests check their bounds). */
    SSLSessionContext[] sessionContexts() {
        return openSsl != null ? openSsl.sessionContexts()
                : new SSLSessionContext[] {context.getServerSessionContext(), context.getClientSessionContext()};
    }

    /** "openssl" or "jdk": the engine behind this identity's connections. */
    String engineName() {
        return openSsl != null ? "openssl" : "jdk";
    }

    /** A handler for the side that accepted the TCP connection. */
    SslHandler newServerHandler() {
        SSLEngine engine = newEngine(false);
        engine.setWantClientAuth(true);
        return new SslHandler(engine);
    }

    /** A handler for the side that connected; no peer host, so no SNI. */
    SslHandler newClientHandler() {
        return new SslHandler(newEngine(true));
    }

    private SSLEngine newEngine(boolean client) {
        SSLEngine engine = openSsl != null ? openSsl.newEngine(client) : context.createSSLEngine();
        engine.setUseClientMode(client);
        engine.setEnabledProtocols(PROTOCOLS);
        return engine;
    }
}
