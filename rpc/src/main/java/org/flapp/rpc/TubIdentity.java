package org.flapp.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.flapp.rpc.furl.Base32;
import org.flapp.rpc.internal.identity.PemIdentityReader;
import org.flapp.rpc.internal.identity.RsaKeyCheck;
import org.flapp.rpc.internal.identity.SelfSignedCertificate;

/**
 * A Tub's identity: a self-signed certificate and its private key. The TubID is the lower-case,
 * unpadded base32 of the SHA-1 of the certificate's DER encoding, exactly as Foolscap computes it.
 *
 * <p>Stored in Foolscap's {@code tub.pem} format: the certificate block, then the PKCS#8
 * {@code PRIVATE KEY} block. A {@code tub.pem} written by Python Foolscap loads here with the same
 * TubID, and the reverse. RSA and EC keys are accepted, as PKCS#8 {@code PRIVATE KEY} blocks or
 * the traditional {@code RSA PRIVATE KEY} / {@code EC PRIVATE KEY} blocks; encrypted keys are not.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * TubIdentity id = TubIdentity.load(baseDir.resolve("tub.pem"));
 * String furlPrefix = "pb://" + id.tubId() + "@";
 * }</pre>
 */
public final class TubIdentity {
    private static final String FOOLSCAP_COMMON_NAME = "newpb_thingy";
    private static final Duration VALIDITY = Duration.ofDays(365);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final String tubId;

    private TubIdentity(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.tubId = tubIdOf(certificate);
    }

    /**
     * A new identity of Foolscap's own kind: RSA 2048, X.509 v1, {@code CN=newpb_thingy}, valid one
     * year. Key generation takes a noticeable time (tens to hundreds of milliseconds): call it off
     * network threads.
     */
    public static TubIdentity generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return selfSigned(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA identity", e);
        }
    }

    /**
     * A new throw-away identity with an EC P-256 key, which takes about a millisecond to make
     * once the JDK's EC provider is loaded; Foolscap 21.7.0 peers accept it. For clients that
     * need no lasting identity. Loads no BouncyCastle classes.
     */
    public static TubIdentity generateEphemeral() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return selfSigned(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an EC identity", e);
        }
    }

    /** Builds an identity from a certificate and the private key that belongs to it. */
    public static TubIdentity of(X509Certificate certificate, PrivateKey privateKey) {
        checkKeyMatches(certificate, privateKey);
        return new TubIdentity(certificate, privateKey);
    }

    /**
     * Parses {@code tub.pem} text (certificate and private key blocks, in either order).
     *
     * @throws IllegalArgumentException when a block is missing, malformed, encrypted, or the key
     *     does not belong to the certificate
     */
    public static TubIdentity fromPem(String pem) {
        PemIdentityReader.Contents contents = PemIdentityReader.read(pem);
        return of(contents.certificate(), contents.privateKey());
    }

    /** Reads a {@code tub.pem} file; see {@link #fromPem}. Blocking file I/O. */
    public static TubIdentity load(Path pemFile) throws IOException {
        String text = Files.readString(pemFile, StandardCharsets.ISO_8859_1);
        try {
            return fromPem(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(pemFile + ": " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The {@code tub.pem} text: certificate block then PKCS#8 private key block. */
    public String toPem() {
        try {
            return pemBlock("CERTIFICATE", certificate.getEncoded())
                    + pemBlock("PRIVATE KEY", privateKey.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    /** This identity's TubID, as {@link #tubIdOf(X509Certificate)} computes it from the certificate. */
    public String tubId() {
        return tubId;
    }

    /** The TubID that belongs to {@code certificate}: base32 of SHA-1 over its DER encoding. */
    public static String tubIdOf(X509Certificate certificate) {
        try {
            return tubIdOf(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    /** The TubID that belongs to a DER-encoded certificate. */
    public static String tubIdOf(byte[] certificateDer) {
        try {
            return Base32.encode(MessageDigest.getInstance("SHA-1").digest(certificateDer));
        } catch (GeneralSecurityException e) {
            throw new AssertionError("every JVM has SHA-1", e);
        }
    }

    @Override
    public String toString() {
        return "TubIdentity[" + tubId + "]"; // never the key
    }

    private static TubIdentity selfSigned(KeyPair keys) throws GeneralSecurityException {
        // Foolscap's own certificates: v1, no extensions, serial 1, subject = issuer, one year;
        // encoded without BouncyCastle, which would cost a short-lived client much start-up time
        Instant now = Instant.now();
        X509Certificate certificate = SelfSignedCertificate.create(keys, FOOLSCAP_COMMON_NAME, now, now.plus(VALIDITY));
        return new TubIdentity(certificate, keys.getPrivate());
    }

    /**
     * Checks that the key belongs to the certificate: for an RSA key with its CRT parameters (every
     * tub.pem Foolscap writes) by arithmetic ({@link RsaKeyCheck}), else by signing a few bytes with
     * the key and verifying them with the certificate's public key. The RSA signature would cost a
     * server's start 10-30 ms of big-number work before the JIT has compiled it.
     */
    private static void checkKeyMatches(X509Certificate certificate, PrivateKey key) {
        PublicKey publicKey = certificate.getPublicKey();
        if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("private key is " + key.getAlgorithm()
                    + " but the certificate's key is " + publicKey.getAlgorithm());
        }
        if (key instanceof RSAPrivateCrtKey crt && publicKey instanceof RSAPublicKey rsa) {
            RsaKeyCheck.check(crt, rsa);
            return;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
        };
        try {
            byte[] probe = "flapp key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException("private key does not belong to the certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the private key: " + e.getMessage(), e);
        }
    }

    private static String pemBlock(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
