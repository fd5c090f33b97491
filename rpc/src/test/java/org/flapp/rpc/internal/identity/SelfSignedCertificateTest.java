package org.flapp.rpc.internal.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509v1CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class SelfSignedCertificateTest {
    private static final Instant NOT_BEFORE = Instant.parse("2026-03-04T05:06:07Z");
    private static final Instant NOT_AFTER = Instant.parse("2027-03-04T05:06:07Z");

    @Test
    void rsaCertificateIsByteForByteWhatBouncyCastleBuilds() throws Exception {
        // PKCS#1 v1.5 signatures are deterministic, so the whole DER must match
        KeyPair keys = keyPair("RSA");
        X509Certificate ours = SelfSignedCertificate.create(keys, "newpb_thingy", NOT_BEFORE, NOT_AFTER);
        assertArrayEquals(bouncyCastle(keys, "SHA256withRSA", NOT_BEFORE, NOT_AFTER), ours.getEncoded());
    }

    @Test
    void ecCertificateHasBouncyCastlesToBeSignedPartAndVerifies() throws Exception {
        // ECDSA signatures are randomised: compare the signed part and check the signature
        KeyPair keys = keyPair("EC");
        X509Certificate ours = SelfSignedCertificate.create(keys, "newpb_thingy", NOT_BEFORE, NOT_AFTER);
        byte[] theirs = bouncyCastle(keys, "SHA256withECDSA", NOT_BEFORE, NOT_AFTER);
        assertArrayEquals(toBeSigned(theirs), ours.getTBSCertificate());
        ours.verify(keys.getPublic());
        assertEquals(1, ours.getVersion());
        assertEquals(BigInteger.ONE, ours.getSerialNumber());
        assertEquals("CN=newpb_thingy", ours.getSubjectX500Principal().getName());
        assertEquals(ours.getSubjectX500Principal(), ours.getIssuerX500Principal());
        assertEquals("SHA256withECDSA", ours.getSigAlgName());
    }

    @Test
    void validityAfter2049IsGeneralizedTimeAsBouncyCastleWritesIt() throws Exception {
        KeyPair keys = keyPair("RSA");
        Instant from = Instant.parse("2049-12-31T23:59:59Z");
        Instant to = Instant.parse("2050-01-01T00:00:00Z");
        X509Certificate ours = SelfSignedCertificate.create(keys, "newpb_thingy", from, to);
        assertArrayEquals(bouncyCastle(keys, "SHA256withRSA", from, to), ours.getEncoded());
        assertEquals(Date.from(to), ours.getNotAfter());
    }

    @Test
    void timesAreEncodedAsUtcTimeBefore2050AndGeneralizedTimeFrom2050() {
        assertArrayEquals(der(0x17, "491231235959Z"), SelfSignedCertificate.time(Instant.parse("2049-12-31T23:59:59Z")));
        assertArrayEquals(der(0x18, "20500101000000Z"), SelfSignedCertificate.time(Instant.parse("2050-01-01T00:00:00Z")));
        assertArrayEquals(der(0x17, "500101000000Z"), SelfSignedCertificate.time(Instant.parse("1950-01-01T00:00:00Z")));
        assertArrayEquals(der(0x18, "19491231235959Z"), SelfSignedCertificate.time(Instant.parse("1949-12-31T23:59:59.900Z")));
    }

    @Test
    void lengthsOfAtLeast128BytesUseTheLongForm() {
        assertArrayEquals(new byte[] {0x04, 0x7f}, java.util.Arrays.copyOf(SelfSignedCertificate.tlv((byte) 4, new byte[127]), 2));
        assertArrayEquals(new byte[] {0x04, (byte) 0x81, (byte) 0x80},
                java.util.Arrays.copyOf(SelfSignedCertificate.tlv((byte) 4, new byte[128]), 3));
        assertArrayEquals(new byte[] {0x04, (byte) 0x82, 0x01, 0x00},
                java.util.Arrays.copyOf(SelfSignedCertificate.tlv((byte) 4, new byte[256]), 4));
        assertEquals(65536 + 5, SelfSignedCertificate.tlv((byte) 4, new byte[65536]).length);
    }

    @Test
    void refusesKeyTypesItCannotSignWith() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertThrows(GeneralSecurityException.class,
                () -> SelfSignedCertificate.create(keys, "newpb_thingy", NOT_BEFORE, NOT_AFTER));
    }

    private static KeyPair keyPair(String algorithm) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    private static byte[] bouncyCastle(KeyPair keys, String signatureAlgorithm, Instant from, Instant to)
            throws Exception {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "newpb_thingy").build();
        return new JcaX509v1CertificateBuilder(name, BigInteger.ONE, Date.from(from), Date.from(to), name, keys.getPublic())
                .build(new JcaContentSignerBuilder(signatureAlgorithm).build(keys.getPrivate()))
                .getEncoded();
    }

    private static byte[] toBeSigned(byte[] certificateDer) throws Exception {
        X509Certificate parsed = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(certificateDer));
        return parsed.getTBSCertificate();
    }

    private static byte[] der(int tag, String text) {
        byte[] body = text.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[body.length + 2];
        out[0] = (byte) tag;
        out[1] = (byte) body.length;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }
}
