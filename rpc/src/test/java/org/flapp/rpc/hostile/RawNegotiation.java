package org.flapp.rpc.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.furl.Furl;

/**
 * The client half of Foolscap's negotiation, done with blocking JDK sockets and nothing of
 * Flapp's negotiation code (docs/protocol.md, "Negotiation"): the plaintext {@code GET /id/}
 * request and its {@code 101} reply, a TLS handshake that presents our self-signed certificate
 * and checks that the server's certificate hashes to the FURL's TubID, the hello exchange, and
 * the decision (sent when our TubID is the larger, read otherwise). Any surprise throws
 * {@link IOException} with what the server sent.
 */
final class RawNegotiation {
    static final int MAX_BLOCK = 4096;
    static final String VOCAB_TABLE_INDEX = "1 " + vocabHash();

    /** What negotiation left behind: the streams, the server's hello, bytes read past the last block. */
    record Result(Socket socket, Map<String, String> serverHello, boolean weAreMaster, byte[] leftover) {}

    private RawNegotiation() {}

    static byte[] getRequest(String tubId, String host) {
        return ("GET /id/" + tubId + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: TLS/1.0\r\n"
                + "Connection: Upgrade\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** GET, reply, TLS handshake; returns the TLS socket (no hello sent yet). */
    static SSLSocket upgrade(Socket plain, Furl target, SSLContext context) throws IOException {
        String host = target.tcpHints().get(0).host();
        plain.getOutputStream().write(getRequest(target.tubId(), host));
        String reply = new String(readPlainBlock(plain.getInputStream()), StandardCharsets.UTF_8);
        if (!reply.startsWith("HTTP/1.1 101 ")) {
            throw new IOException("the server refused the GET: " + reply);
        }
        SSLSocket tls = (SSLSocket) context.getSocketFactory()
                .createSocket(plain, host, plain.getPort(), true);
        tls.setUseClientMode(true);
        tls.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        tls.startHandshake();
        Certificate[] chain = tls.getSession().getPeerCertificates();
        String serverTubId = TubIdentity.tubIdOf((X509Certificate) chain[0]);
        if (!serverTubId.equals(target.tubId())) {
            throw new IOException("the server's certificate is TubID " + serverTubId + ", not " + target.tubId());
        }
        return tls;
    }

    /** Hello out, hello in, decision out or in. */
    static Result hello(SSLSocket tls, Furl target, TubIdentity identity) throws IOException {
        byte[] random = new byte[8];
        new java.security.SecureRandom().nextBytes(random);
        String incarnation = HexFormat.of().formatHex(random);
        Map<String, String> hello = new TreeMap<>();
        hello.put("banana-negotiation-range", "3 3");
        hello.put("initial-vocab-table-range", "0 1");
        hello.put("last-connection", "none 0");
        hello.put("my-incarnation", incarnation);
        hello.put("my-tub-id", identity.tubId());
        tls.getOutputStream().write(block(hello));
        tls.getOutputStream().flush();
        BlockReader reader = new BlockReader(tls.getInputStream());
        Map<String, String> theirs = parse(reader.next());
        if (theirs.containsKey("error") || !target.tubId().equals(theirs.get("my-tub-id"))) {
            throw new IOException("unexpected server hello " + theirs);
        }
        boolean master = identity.tubId().compareTo(target.tubId()) > 0;
        if (master) {
            Map<String, String> decision = new TreeMap<>();
            decision.put("banana-decision-version", "3");
            decision.put("current-connection", incarnation + " 1");
            decision.put("initial-vocab-table-index", VOCAB_TABLE_INDEX);
            tls.getOutputStream().write(block(decision));
            tls.getOutputStream().flush();
        } else {
            Map<String, String> decision = parse(reader.next());
            if (!"3".equals(decision.get("banana-decision-version"))
                    || !VOCAB_TABLE_INDEX.equals(decision.get("initial-vocab-table-index"))) {
                throw new IOException("unexpected decision " + decision);
            }
        }
        return new Result(tls, theirs, master, reader.leftover());
    }

    /** Built before connecting: under load it takes long enough to eat into the server's negotiation timer. */
    static SSLContext tlsContext(TubIdentity identity) throws IOException {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] password = "raw".toCharArray();
            keys.setKeyEntry("tub", identity.privateKey(), password, new Certificate[] {identity.certificate()});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), new TrustManager[] {new AnyCertificate()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS for " + identity, e);
        }
    }

    /** Trusts every certificate: the TubID check after the handshake is what authenticates. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    static byte[] block(Map<String, String> entries) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(entries).forEach((k, v) -> out.append(k).append(": ").append(v).append("\r\n"));
        return out.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, String> parse(byte[] block) {
        Map<String, String> entries = new TreeMap<>();
        for (String line : new String(block, StandardCharsets.UTF_8).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                entries.put(line.substring(0, colon).toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return entries;
    }

    /** Reads the plaintext reply a byte at a time, so that nothing of the TLS stream is consumed. */
    private static byte[] readPlainBlock(InputStream in) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        while (block.size() < MAX_BLOCK) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the reply ended: " + block.toString(StandardCharsets.UTF_8));
            }
            block.write(b);
            byte[] sofar = block.toByteArray();
            int n = sofar.length;
            if (n >= 4 && sofar[n - 4] == '\r' && sofar[n - 3] == '\n' && sofar[n - 2] == '\r' && sofar[n - 1] == '\n') {
                return sofar;
            }
        }
        throw new IOException("reply longer than " + MAX_BLOCK + " bytes");
    }

    /** Blocks ending in a blank line, from a stream that may carry Banana right after the last one. */
    private static final class BlockReader {
        private final InputStream in;
        private byte[] pending = new byte[0];

        BlockReader(InputStream in) {
            this.in = in;
        }

        byte[] next() throws IOException {
            byte[] chunk = new byte[MAX_BLOCK];
            while (true) {
                int at = indexOfBlankLine(pending);
                if (at >= 0) {
                    byte[] block = java.util.Arrays.copyOfRange(pending, 0, at);
                    pending = java.util.Arrays.copyOfRange(pending, at + 4, pending.length);
                    return block;
                }
                if (pending.length > MAX_BLOCK) {
                    throw new IOException("negotiation block longer than " + MAX_BLOCK + " bytes");
                }
                int n = in.read(chunk);
                if (n < 0) {
                    throw new IOException("closed during negotiation after "
                            + new String(pending, StandardCharsets.UTF_8));
                }
                byte[] more = java.util.Arrays.copyOf(pending, pending.length + n);
                System.arraycopy(chunk, 0, more, pending.length, n);
                pending = more;
            }
        }

        byte[] leftover() {
            return pending;
        }

        private static int indexOfBlankLine(byte[] b) {
            for (int i = 0; i + 3 < b.length; i++) {
                if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }

    private static String vocabHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest(String.join("\0", ItemDecoder.VOCAB_1).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest).substring(0, 4);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("every JVM has SHA-1", e);
        }
    }
}
