package org.flapp.rpc;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A Tub's identity: a self-signed certificate and its private key. The TubID is the lower-case,
 * unpadded base32 of the SHA-1 of the certificate's DER encoding, exactly as Foolscap computes it.
 *
 * <p>Stored in Foolscap's {@code tub.pem} format: the certificate block, then the PKCS#8
 * {@code PRIVATE KEY} block. A {@code tub.pem} written by Python Foolscap loads here with the same
 * TubID, and the reverse. Immutable and thread-safe.
 */
public final class TubIdentity {
    // implemented in the identity work package
    private TubIdentity() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * A new identity of Foolscap's own kind: RSA 2048, X.509 v1, {@code CN=newpb_thingy}, valid one
     * year. Key generation takes a noticeable time (tens to hundreds of milliseconds): call it off
     * network threads.
     */
    public static TubIdentity generate() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * A new throw-away identity with an EC P-256 key, which takes about a millisecond to make;
     * Foolscap 21.7.0 peers accept it. For clients that need no lasting identity.
     */
    public static TubIdentity generateEphemeral() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Parses {@code tub.pem} text (certificate and private key blocks, in either order). */
    public static TubIdentity fromPem(String pem) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public static TubIdentity load(Path pemFile) throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The {@code tub.pem} text: certificate block then PKCS#8 private key block. */
    public String toPem() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public String tubId() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public X509Certificate certificate() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public PrivateKey privateKey() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
