package org.flapp.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;

class TubIdentityTest {
    private static final TubIdentity RSA = TubIdentity.generate();

    @Test
    void generatedIdentityIsFoolscapsKindOfCertificate() throws Exception {
        var cert = RSA.certificate();
        assertEquals(1, cert.getVersion());
        assertEquals(BigInteger.ONE, cert.getSerialNumber());
        assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
        assertEquals("SHA256withRSA", cert.getSigAlgName());
        assertEquals(2048, ((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength());
        assertEquals(BigInteger.valueOf(65537), ((RSAPublicKey) cert.getPublicKey()).getPublicExponent());
        assertNull(cert.getCriticalExtensionOIDs());
        assertNull(cert.getNonCriticalExtensionOIDs());
        assertEquals(Duration.ofDays(365),
                Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()));
        X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        ASN1Primitive cn = subject.getRDNs(BCStyle.CN)[0].getFirst().getValue().toASN1Primitive();
        assertTrue(cn instanceof ASN1UTF8String, "CN must be a UTF8String");
        assertEquals("newpb_thingy", ((ASN1UTF8String) cn).getString());
        cert.verify(cert.getPublicKey());
    }

    @Test
    void tubIdIsLowerBase32OfSha1OfCertificateDer() throws Exception {
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(RSA.certificate().getEncoded());
        String tubId = RSA.tubId();
        assertEquals(32, tubId.length());
        assertTrue(tubId.matches("[a-z2-7]{32}"));
        assertArrayEquals(sha1, base32Decode(tubId));
    }

    @Test
    void pemRoundTripKeepsTubIdAndKey() {
        String pem = RSA.toPem();
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n"));
        assertTrue(pem.indexOf("-----BEGIN PRIVATE KEY-----") > pem.indexOf("-----END CERTIFICATE-----"));
        TubIdentity back = TubIdentity.fromPem(pem);
        assertEquals(RSA.tubId(), back.tubId());
        assertArrayEquals(RSA.privateKey().getEncoded(), back.privateKey().getEncoded());
    }

    @Test
    void ephemeralIdentityIsEcAndRoundTrips() {
        TubIdentity ec = TubIdentity.generateEphemeral();
        assertEquals("EC", ec.certificate().getPublicKey().getAlgorithm());
        assertEquals(ec.tubId(), TubIdentity.fromPem(ec.toPem()).tubId());
    }

    @Test
    void acceptsKeyBeforeCertificateAndTraditionalKeyBlocks() throws Exception {
        for (TubIdentity id : new TubIdentity[] {RSA, TubIdentity.generateEphemeral()}) {
            StringWriter text = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                writer.writeObject(new java.security.KeyPair(id.certificate().getPublicKey(), id.privateKey()));
                writer.writeObject(id.certificate());
            }
            assertTrue(text.toString().contains(id.privateKey().getAlgorithm().equals("RSA")
                    ? "BEGIN RSA PRIVATE KEY" : "BEGIN EC PRIVATE KEY"));
            assertEquals(id.tubId(), TubIdentity.fromPem(text.toString()).tubId());
        }
    }

    @Test
    void rejectsKeyThatDoesNotBelongToCertificate() {
        TubIdentity other = TubIdentity.generateEphemeral();
        TubIdentity ec = TubIdentity.generateEphemeral();
        String mixed = ec.toPem().substring(0, ec.toPem().indexOf("-----BEGIN PRIVATE KEY"))
                + other.toPem().substring(other.toPem().indexOf("-----BEGIN PRIVATE KEY"));
        var e = assertThrows(IllegalArgumentException.class, () -> TubIdentity.fromPem(mixed));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void rejectsPemWithoutKeyOrCertificate() {
        String pem = RSA.toPem();
        String certOnly = pem.substring(0, pem.indexOf("-----BEGIN PRIVATE KEY"));
        String keyOnly = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TubIdentity.fromPem(certOnly))
                .getMessage().contains("PRIVATE KEY"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TubIdentity.fromPem(keyOnly))
                .getMessage().contains("CERTIFICATE"));
        assertThrows(IllegalArgumentException.class, () -> TubIdentity.fromPem("garbage"));
    }

    private static byte[] base32Decode(String text) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
