package org.flapp.rpc.internal.identity;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads the certificate and private key out of {@code tub.pem} text with BouncyCastle's PEM
 * parser (PKCS#8 and traditional RSA/EC key blocks). Kept apart from
 * {@link org.flapp.rpc.TubIdentity} so that a Tub with a generated identity (every flappclient
 * run) never loads BouncyCastle. Stateless and thread-safe.
 */
public final class PemIdentityReader {
    /** The first certificate and the first unencrypted private key found; not yet checked to match. */
    public record Contents(X509Certificate certificate, PrivateKey privateKey) {}

    private PemIdentityReader() {}

    /**
     * Parses {@code pem} (certificate and private key blocks, in either order).
     *
     * @throws IllegalArgumentException when a block is missing, malformed or encrypted
     */
    public static Contents read(String pem) {
        X509CertificateHolder certificateHolder = null;
        PrivateKeyInfo keyInfo = null;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder && certificateHolder == null) {
                    certificateHolder = holder; // the first certificate is the Tub's own
                } else if (item instanceof PrivateKeyInfo info && keyInfo == null) {
                    keyInfo = info;
                } else if (item instanceof PEMKeyPair pair && keyInfo == null) {
                    keyInfo = pair.getPrivateKeyInfo();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot parse tub.pem text: " + e.getMessage(), e);
        }
        if (certificateHolder == null) {
            throw new IllegalArgumentException("tub.pem text has no CERTIFICATE block");
        }
        if (keyInfo == null) {
            throw new IllegalArgumentException("tub.pem text has no unencrypted PRIVATE KEY block");
        }
        try {
            if (keyInfo.getPrivateKeyAlgorithm().getParameters() == null
                    && X9ObjectIdentifiers.id_ecPublicKey.equals(keyInfo.getPrivateKeyAlgorithm().getAlgorithm())) {
                // an EC PRIVATE KEY block may leave the curve out: it is the certificate's curve
                keyInfo = new PrivateKeyInfo(certificateHolder.getSubjectPublicKeyInfo().getAlgorithm(),
                        keyInfo.parsePrivateKey());
            }
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(certificateHolder);
            PrivateKey key = new JcaPEMKeyConverter().getPrivateKey(keyInfo);
            return new Contents(certificate, key);
        } catch (CertificateException | IOException e) {
            throw new IllegalArgumentException("cannot read tub.pem contents: " + e.getMessage(), e);
        }
    }
}
