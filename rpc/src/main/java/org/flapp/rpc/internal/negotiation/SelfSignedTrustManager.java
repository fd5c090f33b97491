package org.flapp.rpc.internal.negotiation;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.flapp.rpc.TubOptions;

/**
 * Trusts what Foolscap's verify callback trusts: a self-signed certificate, or a chain that
 * ends in a self-signed certificate, each certificate signed by the next. Validity dates are
 * ignored (expired and not-yet-valid certificates pass, as in Foolscap). A certificate signed by
 * an issuer that is not in the chain is refused. Who the peer is gets decided later, by
 * comparing the TubID of the leaf certificate. Stateless and thread-safe.
 */
final class SelfSignedTrustManager extends X509ExtendedTrustManager {
    static final SelfSignedTrustManager INSTANCE = new SelfSignedTrustManager();

    private SelfSignedTrustManager() {}

    static void checkChain(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no certificate presented");
        }
        if (chain.length > TubOptions.MAX_CERTIFICATE_CHAIN) {
            throw new CertificateException("certificate chain longer than " + TubOptions.MAX_CERTIFICATE_CHAIN);
        }
        for (int i = 0; i < chain.length; i++) {
            X509Certificate issuer = i + 1 < chain.length ? chain[i + 1] : chain[i];
            if (!chain[i].getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                throw new CertificateException("certificate is not self-signed and its issuer is unknown: "
                        + chain[i].getIssuerX500Principal());
            }
            try {
                chain[i].verify(issuer.getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new CertificateException("certificate signature does not verify: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkChain(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkChain(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkChain(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkChain(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkChain(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkChain(chain);
    }

    /** No CA names: the CertificateRequest must not restrict which certificate a client offers. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
