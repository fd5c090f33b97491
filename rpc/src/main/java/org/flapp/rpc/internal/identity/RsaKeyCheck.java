package org.flapp.rpc.internal.identity;

import java.math.BigInteger;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/**
 * Whether an RSA private key in CRT form belongs to a certificate's public key, by arithmetic
 * instead of a signature: the same modulus and public exponent, and CRT parameters that make a
 * working key for them ({@code n = p·q}, {@code e·dP ≡ 1 (mod p-1)}, {@code e·dQ ≡ 1 (mod q-1)},
 * {@code q·qInv ≡ 1 (mod p)}), so that what it signs, the public key verifies: the answer a probe
 * signature gives, which is made from these parameters alone. A few multiplications, where one
 * RSA-2048 signature in a JVM that has not compiled {@code BigInteger} yet costs 10-30 ms.
 * Neither this nor a signature looks at the private exponent d or at the primality of p and q.
 * Stateless.
 */
public final class RsaKeyCheck {
    private RsaKeyCheck() {}

    /**
     * @throws IllegalArgumentException in the words the probe signature's failure had: a key that
     *     cannot sign (its parameters do not fit together), or one whose signature the certificate's
     *     key does not verify
     */
    public static void check(RSAPrivateCrtKey key, RSAPublicKey certificateKey) {
        if (!fitsTogether(key)) {
            // the JDK checks each CRT result against the key's own n and e: "Could not sign data"
            throw new IllegalArgumentException("cannot use the private key: Could not sign data");
        }
        if (!key.getModulus().equals(certificateKey.getModulus())
                || !key.getPublicExponent().equals(certificateKey.getPublicExponent())) {
            throw new IllegalArgumentException("private key does not belong to the certificate");
        }
    }

    /** Whether the CRT parameters sign for the key's own modulus and public exponent. */
    private static boolean fitsTogether(RSAPrivateCrtKey key) {
        BigInteger n = key.getModulus();
        BigInteger e = key.getPublicExponent();
        BigInteger p = key.getPrimeP();
        BigInteger q = key.getPrimeQ();
        BigInteger dP = key.getPrimeExponentP();
        BigInteger dQ = key.getPrimeExponentQ();
        BigInteger qInv = key.getCrtCoefficient();
        return n != null && e != null && p != null && q != null && dP != null && dQ != null && qInv != null
                && p.signum() > 0 && q.signum() > 0 && p.multiply(q).equals(n)
                && inverses(e, dP, p.subtract(BigInteger.ONE)) && inverses(e, dQ, q.subtract(BigInteger.ONE))
                && inverses(q, qInv, p);
    }

    /** {@code a·b ≡ 1 (mod m)}, for m > 1. */
    private static boolean inverses(BigInteger a, BigInteger b, BigInteger m) {
        return m.compareTo(BigInteger.ONE) > 0 && a.multiply(b).mod(m).equals(BigInteger.ONE);
    }
}
