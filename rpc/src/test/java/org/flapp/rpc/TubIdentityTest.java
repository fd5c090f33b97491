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
    void takesTheCurveFromTheCertificateWhenAnEcKeyLeavesItOut() throws Exception {
        TubIdentity ec = TubIdentity.generateEphemeral();
        java.security.interfaces.ECPrivateKey key = (java.security.interfaces.ECPrivateKey) ec.privateKey();
        byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS()).getEncoded();
        String certificate = ec.toPem().substring(0, ec.toPem().indexOf("-----BEGIN PRIVATE KEY"));
        String traditional = certificate + pemBlock("EC PRIVATE KEY", sec1);
        assertEquals(ec.tubId(), TubIdentity.fromPem(traditional).tubId());
        byte[] pkcs8 = new org.bouncycastle.asn1.pkcs.PrivateKeyInfo(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey),
                org.bouncycastle.asn1.ASN1Primitive.fromByteArray(sec1)).getEncoded();
        TubIdentity back = TubIdentity.fromPem(pemBlock("PRIVATE KEY", pkcs8) + certificate);
        assertEquals(ec.tubId(), back.tubId());
        assertEquals(key.getS(), ((java.security.interfaces.ECPrivateKey) back.privateKey()).getS());
    }

    @Test
    void skipsEncryptedKeyBlocks() {
        String pem = RSA.toPem();
        String certificate = pem.substring(0, pem.indexOf("-----BEGIN PRIVATE KEY"));
        String body = pem.substring(pem.indexOf("KEY-----\n") + 9, pem.indexOf("-----END PRIVATE KEY"));
        String legacy = certificate + "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n" + body + "-----END RSA PRIVATE KEY-----\n";
        String pkcs8 = certificate + "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + body + "-----END ENCRYPTED PRIVATE KEY-----\n";
        for (String text : new String[] {legacy, pkcs8}) {
            var e = assertThrows(IllegalArgumentException.class, () -> TubIdentity.fromPem(text));
            assertTrue(e.getMessage().contains("no unencrypted PRIVATE KEY"), e.getMessage());
        }
    }

    @Test
    void rejectsDamagedBlocks() {
        String pem = RSA.toPem();
        String badBase64 = pem.replace("-----BEGIN PRIVATE KEY-----\n", "-----BEGIN PRIVATE KEY-----\n!!");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TubIdentity.fromPem(badBase64))
                .getMessage().contains("base64"));
        String unterminated = pem.substring(0, pem.indexOf("-----END PRIVATE KEY"));
        assertThrows(IllegalArgumentException.class, () -> TubIdentity.fromPem(unterminated));
        String body = pem.substring(pem.indexOf("KEY-----\n") + 9, pem.indexOf("-----END PRIVATE KEY"));
        String truncated = pem.replace(body, body.substring(0, 40) + "\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TubIdentity.fromPem(truncated))
                .getMessage().startsWith("cannot read tub.pem contents"));
    }

    private static String pemBlock(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + java.util.Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END " + type + "-----\n";
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
