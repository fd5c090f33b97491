package org.flapp.rpc.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.furl.Furl;
import org.flapp.rpc.internal.banana.Wire;

/**
 * The project's hostile client: a Foolscap peer on blocking JDK sockets that negotiates
 * correctly (or stops part-way) and then sends whatever bytes a test builds, typically with
 * {@link Wire}. It shares no code with Flapp's negotiation or Banana decoder. Three ways in:
 * <ul>
 *   <li>{@link #connect(Furl)}: plaintext GET, TLS with a fresh self-signed identity, hellos and
 *       decision; Banana may flow, and what the server sends is decoded into {@link Item}s;</li>
 *   <li>{@link #tls(Furl, TubIdentity)}: GET and TLS only, then raw bytes both ways (for hellos
 *       a test writes itself, or none);</li>
 *   <li>{@link #raw(String, int)}: a plain TCP socket, raw bytes both ways (pre-negotiation abuse).</li>
 * </ul>
 * A reader thread takes everything the server sends (decoded items in Banana mode; every mode
 * keeps the first {@value #RECEIVED_CAP} bytes for {@link #received()}) and notices the close;
 * {@link #setReading(boolean) setReading(false)} stops it taking more, so the server's writes
 * back up. Writes go through one writer thread, so a test can flood a server that stopped
 * reading ({@link #sendInBackground}). PINGs are answered with PONGs unless
 * {@link #answerPings(boolean)} says not to. Thread-safe.
 */
public final class RawPeer implements AutoCloseable {
    static final int RECEIVED_CAP = 1 << 20;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final Socket socket;
    /** The TCP socket under TLS (the same as {@code socket} in raw mode). */
    private final Socket transport;
    private final InputStream in;
    private final OutputStream out;
    private final Furl target;
    private final TubIdentity identity;
    private final Map<String, String> serverHello;
    private final ItemDecoder decoder;
    private final LinkedBlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ExecutorService writer;
    private final AtomicLong nextOpenId = new AtomicLong();
    private final Object readGate = new Object();
    private boolean reading = true;
    private volatile boolean answerPings = true;
    private volatile String decodeFailure;
    private volatile String closeReason;
    private volatile long closedAtNanos = -1;

    private RawPeer(Socket socket, Socket transport, Furl target, TubIdentity identity, Map<String, String> serverHello,
            boolean banana, byte[] leftover) throws IOException {
        this.socket = socket;
        this.transport = transport;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.target = target;
        this.identity = identity;
        this.serverHello = serverHello;
        this.decoder = banana ? new ItemDecoder(this::arrived) : null;
        this.writer = Executors.newSingleThreadExecutor(r -> daemon(r, "raw-peer-writer"));
        accept(leftover, leftover.length);
        daemon(this::readLoop, "raw-peer-reader").start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** A fully negotiated connection to {@code target} under a fresh EC identity. */
    public static RawPeer connect(Furl target) throws IOException {
        return connect(target, TubIdentity.generateEphemeral());
    }

    public static RawPeer connect(String furl) throws IOException {
        return connect(Furl.parse(furl));
    }

    /** A fully negotiated connection to {@code target} as {@code identity}. */
    public static RawPeer connect(Furl target, TubIdentity identity) throws IOException {
        SSLContext context = RawNegotiation.tlsContext(identity);
        Socket plain = open(target);
        try {
            SSLSocket tls = RawNegotiation.upgrade(plain, target, context);
            RawNegotiation.Result result = RawNegotiation.hello(tls, target, identity);
            return new RawPeer(tls, plain, target, identity, result.serverHello(), true, result.leftover());
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** GET and the TLS handshake only; from there on raw bytes (the server's hello will arrive). */
    public static RawPeer tls(Furl target, TubIdentity identity) throws IOException {
        SSLContext context = RawNegotiation.tlsContext(identity);
        Socket plain = open(target);
        try {
            return new RawPeer(RawNegotiation.upgrade(plain, target, context), plain, target, identity, Map.of(),
                    false, new byte[0]);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** A plain TCP connection: no negotiation at all. */
    public static RawPeer raw(String host, int port) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(host, port), 10_000);
        return new RawPeer(plain, plain, null, null, Map.of(), false, new byte[0]);
    }

    private static Socket open(Furl target) throws IOException {
        var hint = target.tcpHints().get(0);
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(hint.host(), hint.port()), 10_000);
        plain.setSoTimeout(30_000); // negotiation only; the reader thread clears it
        return plain;
    }

    /** The exact request a Foolscap client sends first, for raw-mode tests. */
    public static byte[] getRequest(String tubId, String host) {
        return RawNegotiation.getRequest(tubId, host);
    }

    public TubIdentity identity() {
        return identity;
    }

    /** The server's hello block (empty in raw and TLS-only modes). */
    public Map<String, String> serverHello() {
        return serverHello;
    }

    // ---- sending

    /** Writes {@code bytes} and waits (at most 60 s) until they are handed to the socket. */
    public void send(byte[] bytes) {
        try {
            sendInBackground(bytes).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new UncheckedIOException(new IOException("send failed: " + e.getCause(), e.getCause()));
        } catch (TimeoutException e) {
            throw new UncheckedIOException(new IOException("send did not finish in " + SEND_TIMEOUT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void send(Wire wire) {
        send(wire.bytes());
    }

    /** Queues {@code bytes} for the writer thread; completes when written, fails when the socket does. */
    public CompletableFuture<Void> sendInBackground(byte[] bytes) {
        return CompletableFuture.runAsync(() -> {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, writer);
    }

    // ---- PB helpers: open IDs are numbered per connection, as a Foolscap sender does

    /** The next open ID of this connection. */
    public long openId() {
        return nextOpenId.getAndIncrement();
    }

    /** {@code OPEN(id) STRING(type)} with the next open ID; returns the ID for the CLOSE. */
    public long open(Wire w, String type) {
        long id = openId();
        w.open(id, type);
        return id;
    }

    /** A call whose CLOSEs are still to be written: {@link #finish} writes them. */
    public record OpenCall(long callId, long argumentsId) {
        public Wire finish(Wire w) {
            return w.close(argumentsId).close(callId);
        }
    }

    /**
     * Starts a call: {@code OPEN call INT reqId INT|NEG clid STRING method OPEN arguments
     * INT positional}; the caller appends the arguments (then keyword name/value pairs) and
     * calls {@link OpenCall#finish}.
     */
    public OpenCall startCall(Wire w, long reqId, long clid, String method, int positional) {
        long call = open(w, "call");
        w.integer(reqId).integer(clid).str(method);
        long arguments = open(w, "arguments");
        w.integer(positional);
        return new OpenCall(call, arguments);
    }

    /**
     * A whole call with simple positional arguments: Long/Integer as INT/NEG, byte[] as STRING,
     * String as a unicode sequence.
     */
    public Wire call(long reqId, long clid, String method, Object... args) {
        Wire w = Wire.of();
        OpenCall call = startCall(w, reqId, clid, method, args.length);
        for (Object arg : args) {
            if (arg instanceof Long || arg instanceof Integer) {
                w.integer(((Number) arg).longValue());
            } else if (arg instanceof byte[] v) {
                w.bytes(v);
            } else if (arg instanceof String v) {
                w.text(openId(), v);
            } else {
                throw new IllegalArgumentException("no simple encoding for " + arg.getClass());
            }
        }
        return call.finish(w);
    }

    /** {@code getReferenceByName(name=<bytes>)} on clid 0. */
    public Wire getReferenceCall(long reqId, String swissnum) {
        Wire w = Wire.of();
        OpenCall call = startCall(w, reqId, 0, "getReferenceByName", 0);
        w.str("name").str(swissnum);
        return call.finish(w);
    }

    /**
     * Resolves the FURL's swissnum (request ID 1) and returns the clid of the target object, as
     * the server's {@code my-reference} answer names it.
     */
    public long resolveTarget(Duration timeout) {
        send(getReferenceCall(1, target.name()));
        Item answer = next(timeout);
        if (!answer.isSequence("answer") || answer.reqId() != 1 || !answer.child(1).isSequence("my-reference")) {
            throw new IllegalStateException("getReferenceByName was answered with " + answer);
        }
        return answer.child(1).child(0).number();
    }

    // ---- receiving

    /** The next item, waiting at most {@code timeout}; {@link Item#TIMEOUT} or {@link Item#CLOSED} otherwise. */
    public Item next(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Item item = items.poll(Math.min(50_000_000, Math.max(0, deadline - System.nanoTime())),
                        TimeUnit.NANOSECONDS);
                if (item != null) {
                    return item;
                }
                if (closed.getCount() == 0 && items.isEmpty()) {
                    return Item.CLOSED;
                }
                if (System.nanoTime() >= deadline) {
                    return Item.TIMEOUT;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Item.TIMEOUT;
        }
    }

    /**
     * Every item until the server is quiet for {@code quiet} or closes; the list ends with
     * {@link Item#TIMEOUT} or {@link Item#CLOSED}, telling which.
     */
    public List<Item> drain(Duration quiet) {
        List<Item> all = new ArrayList<>();
        Item item;
        do {
            item = next(quiet);
            all.add(item);
        } while (item != Item.TIMEOUT && item != Item.CLOSED);
        return all;
    }

    /** True once the server closed (or reset) the connection within {@code timeout}. Needs reading on. */
    public boolean awaitClosed(Duration timeout) {
        try {
            return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** {@link System#nanoTime()} when the reader saw the close, or -1 while open. */
    public long closedAtNanos() {
        return closedAtNanos;
    }

    /** How the connection ended (EOF or the exception), or null while open. */
    public String closeReason() {
        return closeReason;
    }

    /** Why the server's bytes could not be decoded, or null (decoding stops at the first failure). */
    public String decodeFailure() {
        return decodeFailure;
    }

    /** The first bytes the server sent after negotiation (all of them in raw and TLS-only modes). */
    public byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    /** {@link #received()} as text, for HTTP replies and hello blocks. */
    public String receivedText() {
        return new String(received(), StandardCharsets.UTF_8);
    }

    /**
     * Stops (false) or resumes (true) reading from the socket. A read already under way still
     * completes, so up to one TLS record more may arrive after {@code setReading(false)}.
     */
    public void setReading(boolean on) {
        synchronized (readGate) {
            reading = on;
            readGate.notifyAll();
        }
    }

    public void answerPings(boolean on) {
        answerPings = on;
    }

    private void readLoop() {
        byte[] chunk = new byte[65536];
        try {
            socket.setSoTimeout(0);
            while (true) {
                synchronized (readGate) {
                    while (!reading) {
                        readGate.wait();
                    }
                }
                int n = in.read(chunk);
                if (n < 0) {
                    closeReason = "EOF";
                    return;
                }
                accept(chunk, n);
            }
        } catch (IOException e) {
            closeReason = e.toString();
        } catch (InterruptedException e) {
            closeReason = "interrupted";
        } finally {
            closedAtNanos = System.nanoTime();
            closed.countDown();
        }
    }

    private void accept(byte[] chunk, int n) {
        synchronized (received) {
            received.write(chunk, 0, Math.min(n, RECEIVED_CAP - received.size()));
        }
        if (decoder != null && decodeFailure == null) {
            try {
                decoder.feed(chunk, 0, n);
            } catch (IllegalStateException e) {
                decodeFailure = e.getMessage();
            }
        }
    }

    private void arrived(Item item) {
        if (item.kind() == Item.Kind.PING && answerPings) {
            sendInBackground(Wire.of().pong(item.number()).bytes());
        }
        items.add(item);
    }

    /** Closes the socket (the server sees a FIN) and stops both threads. */
    @Override
    public void close() {
        try {
            // the TCP socket first: a writer blocked on a server that stopped reading holds the
            // TLS socket's write lock, and closing TLS (close_notify) would wait for it forever
            transport.close();
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        writer.shutdownNow();
    }
}
