package org.flapp.rpc.internal.identity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDateTime;

/**
 * Makes the small self-signed X.509 v1 certificate a Tub presents, with nothing but the JDK:
 * the DER is written by hand (it has a fixed shape) and signed with {@link Signature}, then
 * parsed back by the JDK's {@link CertificateFactory}.
 *
 * <p>Why not BouncyCastle's certificate builder: loading it costs a short-lived client a few
 * hundred classes and 100-300 ms of start-up (measured, docs/perf-client.md), for a
 * certificate of about 300 bytes. The output has the shape Foolscap's own certificates have:
 * v1 (no version field, no extensions), serial 1, issuer = subject = one CN given as a
 * UTF8String, and a validity period as UTCTime (GeneralizedTime from 2050 on, as RFC 5280
 * wants). Stateless and thread-safe.
 */
public final class SelfSignedCertificate {
    private static final byte SEQUENCE = 0x30;
    private static final byte SET = 0x31;
    private static final byte INTEGER = 0x02;
    private static final byte BIT_STRING = 0x03;
    private static final byte NULL = 0x05;
    private static final byte OBJECT_IDENTIFIER = 0x06;
    private static final byte UTF8_STRING = 0x0c;
    private static final byte UTC_TIME = 0x17;
    private static final byte GENERALIZED_TIME = 0x18;

    /** 2.5.4.3, commonName. */
    private static final byte[] OID_COMMON_NAME = {0x55, 0x04, 0x03};
    /** 1.2.840.10045.4.3.2, ecdsa-with-SHA256 (its AlgorithmIdentifier has no parameters). */
    private static final byte[] OID_ECDSA_SHA256 = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02};
    /** 1.2.840.113549.1.1.11, sha256WithRSAEncryption (its parameters are NULL). */
    private static final byte[] OID_RSA_SHA256 =
            {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x0b};

    private SelfSignedCertificate() {}

    /**
     * Signs a certificate for {@code keys} (an EC key is signed with SHA256withECDSA, an RSA key
     * with SHA256withRSA), valid from {@code notBefore} to {@code notAfter} (whole seconds).
     */
    public static X509Certificate create(KeyPair keys, String commonName, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException {
        String keyAlgorithm = keys.getPrivate().getAlgorithm();
        byte[] algorithmIdentifier;
        String signatureAlgorithm;
        switch (keyAlgorithm) {
            case "EC" -> {
                algorithmIdentifier = tlv(SEQUENCE, tlv(OBJECT_IDENTIFIER, OID_ECDSA_SHA256));
                signatureAlgorithm = "SHA256withECDSA";
            }
            case "RSA" -> {
                algorithmIdentifier = tlv(SEQUENCE, tlv(OBJECT_IDENTIFIER, OID_RSA_SHA256), tlv(NULL));
                signatureAlgorithm = "SHA256withRSA";
            }
            default -> throw new GeneralSecurityException("cannot sign a certificate with a " + keyAlgorithm + " key");
        }
        byte[] name = tlv(SEQUENCE, tlv(SET, tlv(SEQUENCE,
                tlv(OBJECT_IDENTIFIER, OID_COMMON_NAME),
                tlv(UTF8_STRING, commonName.getBytes(StandardCharsets.UTF_8)))));
        byte[] toBeSigned = tlv(SEQUENCE,
                tlv(INTEGER, new byte[] {1}), // serial number 1; v1 has no version field
                algorithmIdentifier,
                name, // issuer
                tlv(SEQUENCE, time(notBefore), time(notAfter)),
                name, // subject
                keys.getPublic().getEncoded()); // SubjectPublicKeyInfo, already DER

        Signature signer = Signature.getInstance(signatureAlgorithm);
        signer.initSign(keys.getPrivate());
        signer.update(toBeSigned);
        byte[] signature = signer.sign();
        byte[] bits = new byte[signature.length + 1]; // leading byte: no unused bits
        System.arraycopy(signature, 0, bits, 1, signature.length);

        byte[] der = tlv(SEQUENCE, toBeSigned, algorithmIdentifier, tlv(BIT_STRING, bits));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    /**
     * UTCTime (YYMMDDHHMMSSZ) for 1950-2049, GeneralizedTime (YYYYMMDDHHMMSSZ) otherwise.
     * Formatted by hand: java.time's formatters cost a cold JVM tens of milliseconds.
     */
    static byte[] time(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = utc.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("certificate time out of range: " + instant);
        }
        boolean utcTime = year >= 1950 && year < 2050;
        StringBuilder text = new StringBuilder(15);
        if (utcTime) {
            twoDigits(text, year % 100);
        } else {
            twoDigits(text, year / 100);
            twoDigits(text, year % 100);
        }
        twoDigits(text, utc.getMonthValue());
        twoDigits(text, utc.getDayOfMonth());
        twoDigits(text, utc.getHour());
        twoDigits(text, utc.getMinute());
        twoDigits(text, utc.getSecond());
        text.append('Z');
        return tlv(utcTime ? UTC_TIME : GENERALIZED_TIME, text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static void twoDigits(StringBuilder out, int value) {
        out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** One DER element: tag, definite length (short or long form), then the parts' bytes in order. */
    static byte[] tlv(byte tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int lengthBytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | lengthBytes);
            for (int shift = (lengthBytes - 1) * 8; shift >= 0; shift -= 8) {
                out.write(length >>> shift);
            }
        }
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
