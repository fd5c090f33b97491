package org.flapp.rpc.internal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The arithmetic check says what the probe signature it replaces said, in the same words: for a
 * matching key, another pair's key, and keys with one parameter damaged.
 */
class RsaKeyCheckTest {
    private static final KeyPair PAIR = pair();
    private static final KeyPair OTHER = pair();

    private static KeyPair pair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What TubIdentity's probe signature said of {@code key}: "ok" or its message. */
    private static String probeSignature(RSAPrivateCrtKey key, RSAPublicKey publicKey) {
        try {
            byte[] probe = {1, 2, 3};
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature) ? "ok" : "private key does not belong to the certificate";
        } catch (GeneralSecurityException e) {
            return "cannot use the private key: " + e.getMessage();
        }
    }

    private static String arithmetic(RSAPrivateCrtKey key, RSAPublicKey publicKey) {
        try {
            RsaKeyCheck.check(key, publicKey);
            return "ok";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The pair's private key with one parameter changed. */
    private static RSAPrivateCrtKey damaged(int which, UnaryOperator<BigInteger> change) throws Exception {
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) PAIR.getPrivate();
        BigInteger[] v = {k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(), k.getPrimeP(), k.getPrimeQ(),
            k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient()};
        v[which] = change.apply(v[which]);
        return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new RSAPrivateCrtKeySpec(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]));
    }

    @Test
    void acceptsTheKeyOfTheCertificate() {
        assertEquals("ok", arithmetic((RSAPrivateCrtKey) PAIR.getPrivate(), (RSAPublicKey) PAIR.getPublic()));
    }

    @Test
    void refusesTheKeyOfAnotherPairAsTheSignatureDid() {
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) OTHER.getPrivate();
        RSAPublicKey publicKey = (RSAPublicKey) PAIR.getPublic();
        assertEquals("private key does not belong to the certificate", arithmetic(key, publicKey));
        assertEquals(probeSignature(key, publicKey), arithmetic(key, publicKey));
    }

    @Test
    void judgesEachDamagedParameterAsTheSignatureDid() throws Exception {
        RSAPublicKey publicKey = (RSAPublicKey) PAIR.getPublic();
        for (int which = 0; which < 8; which++) {
            RSAPrivateCrtKey key = damaged(which, x -> x.add(BigInteger.TWO));
            assertEquals(probeSignature(key, publicKey), arithmetic(key, publicKey), "parameter " + which);
            // the private exponent d: a CRT signature never uses it, so neither check sees it
            assertEquals(which == 2, arithmetic(key, publicKey).equals("ok"), "parameter " + which);
        }
    }
}
