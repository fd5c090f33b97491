package org.flapp.rpc.internal.negotiation;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.flapp.rpc.TubIdentity;

/**
 * Offers a Tub's one certificate and key to the JDK's TLS engine, in both roles, whatever the
 * peer asks for: Foolscap peers accept any self-signed certificate, so there is nothing to
 * choose. The key type is still matched, so the engine never picks a signature scheme our key
 * cannot make. Replaces a {@code KeyManagerFactory} over an in-memory {@code KeyStore}, which
 * costs start-up time for no benefit. Immutable and thread-safe.
 */
final class IdentityKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "tub";

    private final PrivateKey key;
    private final X509Certificate[] chain;

    IdentityKeyManager(TubIdentity identity) {
        this.key = identity.privateKey();
        this.chain = new X509Certificate[] {identity.certificate()};
    }

    private String aliasFor(String keyType) {
        // the JDK asks once per key type it could use ("EC", "RSA", "RSASSA-PSS", ...) and
        // itself skips an alias whose key is of another type
        return key.getAlgorithm().equals(keyType) ? ALIAS : null;
    }

    private String aliasFor(String[] keyTypes) {
        if (keyTypes == null) {
            return null;
        }
        for (String keyType : keyTypes) {
            if (aliasFor(keyType) != null) {
                return ALIAS;
            }
        }
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyTypes);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyType);
    }

    // Flapp's TLS runs on an SSLEngine; the Socket variants, which the interface requires, answer
    // as the engine ones do.

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return chooseEngineClientAlias(keyTypes, issuers, null);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return chooseEngineServerAlias(keyType, issuers, null);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return aliasFor(keyType) == null ? null : new String[] {ALIAS};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return aliasFor(keyType) == null ? null : new String[] {ALIAS};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }
}
