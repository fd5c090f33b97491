package org.flapp.rpc.internal.identity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads the certificate and private key out of {@code tub.pem} text with nothing but the JDK:
 * the certificate goes to {@link CertificateFactory}, the key to {@link KeyFactory} as PKCS#8.
 * Accepted key blocks: {@code PRIVATE KEY} (PKCS#8, RSA or EC), and the traditional
 * {@code RSA PRIVATE KEY} (PKCS#1) and {@code EC PRIVATE KEY} (SEC 1) blocks, which are wrapped
 * into PKCS#8 here. Encrypted keys ({@code ENCRYPTED PRIVATE KEY}, or a block with
 * {@code Proc-Type} headers) are skipped, so they count as missing.
 *
 * <p>Why not BouncyCastle's PEM parser: its jars are signed, and the JDK checks their signatures
 * when the first class loads; with its own class loading that cost a server's start about 0.3 s
 * of CPU (measured, docs/performance.md), and classes of signed jars cannot go into a CDS archive.
 * Stateless and thread-safe.
 */
public final class PemIdentityReader {
    /** The first certificate and the first unencrypted private key found; not yet checked to match. */
    public record Contents(X509Certificate certificate, PrivateKey privateKey) {}

    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    private static final int OCTET_STRING = 0x04;
    private static final int NULL = 0x05;
    private static final int OBJECT_IDENTIFIER = 0x06;
    /** [0] EXPLICIT, the curve of a SEC 1 key. */
    private static final int CONTEXT_0 = 0xa0;
    /** 1.2.840.113549.1.1.1, rsaEncryption. */
    private static final byte[] OID_RSA = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    /** 1.2.840.10045.2.1, id-ecPublicKey. */
    private static final byte[] OID_EC = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private PemIdentityReader() {}

    /**
     * Parses {@code pem} (certificate and private key blocks, in either order).
     *
     * @throws IllegalArgumentException when a block is missing, malformed or encrypted
     */
    public static Contents read(String pem) {
        byte[] certificateDer = null;
        String keyType = null;
        byte[] keyDer = null;
        int at = 0;
        while (true) {
            int begin = pem.indexOf(BEGIN, at);
            if (begin < 0) {
                break;
            }
            int typeEnd = pem.indexOf(DASHES, begin + BEGIN.length());
            if (typeEnd < 0) {
                throw new IllegalArgumentException("cannot parse tub.pem text: unterminated BEGIN line");
            }
            String type = pem.substring(begin + BEGIN.length(), typeEnd);
            String endLine = END + type + DASHES;
            int end = pem.indexOf(endLine, typeEnd);
            if (end < 0) {
                throw new IllegalArgumentException("cannot parse tub.pem text: " + endLine + " not found");
            }
            String body = pem.substring(typeEnd + DASHES.length(), end);
            at = end + endLine.length();
            boolean certificate = type.equals("CERTIFICATE") || type.equals("X509 CERTIFICATE");
            boolean key = type.equals("PRIVATE KEY") || type.equals("RSA PRIVATE KEY") || type.equals("EC PRIVATE KEY");
            if (certificate && certificateDer == null) {
                certificateDer = decode(type, body); // the first certificate is the Tub's own
            } else if (key && keyDer == null && body.indexOf(':') < 0) { // headers: an encrypted key
                keyType = type;
                keyDer = decode(type, body);
            }
        }
        if (certificateDer == null) {
            throw new IllegalArgumentException("tub.pem text has no CERTIFICATE block");
        }
        if (keyDer == null) {
            throw new IllegalArgumentException("tub.pem text has no unencrypted PRIVATE KEY block");
        }
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificateDer));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read tub.pem contents: " + e.getMessage(), e);
        }
        try {
            Pkcs8 pkcs8 = switch (keyType) {
                case "RSA PRIVATE KEY" -> new Pkcs8("RSA", wrap(algorithm(OID_RSA, new byte[] {NULL, 0}), keyDer));
                case "EC PRIVATE KEY" -> new Pkcs8("EC", wrap(algorithm(OID_EC, curveOf(keyDer, certificate)), keyDer));
                default -> fillCurve(keyDer, certificate);
            };
            PrivateKey key = KeyFactory.getInstance(pkcs8.algorithm()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8.der()));
            return new Contents(certificate, key);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read tub.pem contents: " + e.getMessage(), e);
        }
    }

    private record Pkcs8(String algorithm, byte[] der) {}

    private static byte[] decode(String type, String body) {
        try {
            StringBuilder text = new StringBuilder(body.length());
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c != '\n' && c != '\r' && c != ' ' && c != '\t') {
                    text.append(c);
                }
            }
            return Base64.getDecoder().decode(text.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot parse tub.pem text: bad base64 in the " + type + " block", e);
        }
    }

    /**
     * A PKCS#8 key as it is, or with the certificate's curve put in when an EC key leaves it out
     * (a key block may: the curve is the certificate's).
     */
    private static Pkcs8 fillCurve(byte[] pkcs8, X509Certificate certificate) {
        Der info = Der.at(pkcs8, 0).expect(SEQUENCE);
        Der version = info.first().expect(INTEGER);
        Der algorithm = version.next().expect(SEQUENCE);
        Der oid = algorithm.first().expect(OBJECT_IDENTIFIER);
        if (Arrays.equals(oid.content(), OID_RSA)) {
            return new Pkcs8("RSA", pkcs8);
        }
        if (!Arrays.equals(oid.content(), OID_EC)) {
            throw new IllegalArgumentException("unsupported private key algorithm (neither RSA nor EC)");
        }
        if (oid.end() < algorithm.end()) {
            return new Pkcs8("EC", pkcs8);
        }
        Der key = algorithm.next().expect(OCTET_STRING);
        return new Pkcs8("EC", wrap(algorithm(OID_EC, certificateCurve(certificate)), key.content()));
    }

    /** The curve of a SEC 1 key: its own {@code [0]} parameters, else the certificate's. */
    private static byte[] curveOf(byte[] sec1, X509Certificate certificate) {
        Der key = Der.at(sec1, 0).expect(SEQUENCE);
        for (Der field = key.first(); field.end() < key.end(); ) {
            field = field.next();
            if (field.tag() == CONTEXT_0) {
                return field.first().encoded();
            }
        }
        return certificateCurve(certificate);
    }

    /** The parameters of the certificate's EC public key (SubjectPublicKeyInfo's AlgorithmIdentifier). */
    private static byte[] certificateCurve(X509Certificate certificate) {
        Der spki = Der.at(certificate.getPublicKey().getEncoded(), 0).expect(SEQUENCE);
        Der algorithm = spki.first().expect(SEQUENCE);
        Der oid = algorithm.first().expect(OBJECT_IDENTIFIER);
        if (!Arrays.equals(oid.content(), OID_EC) || oid.end() >= algorithm.end()) {
            throw new IllegalArgumentException("EC key without a curve, and the certificate's key is not EC");
        }
        return oid.next().encoded();
    }

    private static byte[] algorithm(byte[] oid, byte[] parameters) {
        return tlv(SEQUENCE, concat(tlv(OBJECT_IDENTIFIER, oid), parameters));
    }

    /** PrivateKeyInfo: version 0, the algorithm, the key's own encoding in an OCTET STRING. */
    private static byte[] wrap(byte[] algorithm, byte[] key) {
        return tlv(SEQUENCE, concat(new byte[] {INTEGER, 1, 0}, algorithm, tlv(OCTET_STRING, key)));
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** One DER element of {@code data}: tag at {@code start}, content from {@code from} to {@code end}. */
    private record Der(byte[] data, int start, int tag, int from, int end) {
        /** Reads the element at {@code start}; its length must fit in {@code data}. */
        static Der at(byte[] data, int start) {
            if (start + 2 > data.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            int tag = data[start] & 0xff;
            int length = data[start + 1] & 0xff;
            int from = start + 2;
            if (length >= 0x80) {
                int bytes = length & 0x7f;
                if (bytes == 0 || bytes > 3 || from + bytes > data.length) {
                    throw new IllegalArgumentException("bad DER length");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (data[from++] & 0xff);
                }
            }
            if (length > data.length - from) {
                throw new IllegalArgumentException("truncated DER");
            }
            return new Der(data, start, tag, from, from + length);
        }

        Der expect(int wanted) {
            if (tag != wanted) {
                throw new IllegalArgumentException("unexpected DER tag 0x" + Integer.toHexString(tag));
            }
            return this;
        }

        Der first() {
            return at(data, from);
        }

        Der next() {
            return at(data, end);
        }

        byte[] content() {
            return Arrays.copyOfRange(data, from, end);
        }

        byte[] encoded() {
            return Arrays.copyOfRange(data, start, end);
        }
    }
}
