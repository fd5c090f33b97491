package org.flapp.rpc.internal.call;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.internal.banana.BananaDecoder;
import org.flapp.rpc.internal.banana.CodecLimits;
import org.flapp.rpc.internal.banana.Token;
import org.flapp.rpc.internal.banana.TokenReader;
import org.flapp.rpc.internal.banana.Tokens;
import org.flapp.rpc.internal.banana.VocabTable;
import org.flapp.rpc.internal.banana.Wire;
import org.flapp.rpc.internal.negotiation.NegotiatedConnection;

/**
 * A {@link Broker} on an {@link EmbeddedChannel} behind a real {@link BananaDecoder}, with a
 * {@link BrokerHost} whose handlers run at once on the test thread (the channel's event loop) and
 * whose connections to third Tubs are futures the test completes. Feed it hand-made call bytes;
 * read back what it answered.
 */
final class BrokerFixture implements BrokerHost {
    static final String PEER = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    final EmbeddedChannel channel = new EmbeddedChannel();
    final Broker broker;
    final Map<String, Referenceable> published = new ConcurrentHashMap<>();
    /** Every FURL the broker asked us to connect to, with the future it waits for. */
    final List<Map.Entry<String, CompletableFuture<RemoteReference>>> dialled = new ArrayList<>();
    private final TubOptions options;
    private final TokenReader outReader = new TokenReader();
    private long nextOpenId;
    private List<Token> lastTokens;

    BrokerFixture(TubOptions options) {
        this.options = options;
        broker = new Broker(this, channel, new NegotiatedConnection(PEER, false, false, 1, "inc", null));
        channel.pipeline().addLast(new BananaDecoder(CodecLimits.from(options), VocabTable.TABLE_1,
                broker.references()), broker);
    }

    /** A call reqId to clid whose positional arguments are written one by each of {@code args}. */
    @SafeVarargs
    final void call(long reqId, long clid, String method, UnaryOperator<Wire>... args) {
        long call = nextOpenId++;
        long arguments = nextOpenId++;
        Wire w = Wire.of().open(call).vocab(11).integer(reqId).integer(clid).str(method).open(arguments).vocab(12)
                .integer(args.length);
        for (UnaryOperator<Wire> arg : args) {
            w = arg.apply(w);
        }
        channel.writeInbound(Unpooled.wrappedBuffer(w.close(arguments).close(call).bytes()));
        channel.runPendingTasks();
    }

    /** A their-reference token group, as an argument. */
    UnaryOperator<Wire> gift(String furl) {
        long id = nextOpenId++;
        return w -> w.open(id).vocab(17).integer(0).str(furl).close(id);
    }

    /** Publishes {@code object} and resolves it as the peer would; returns its clid. */
    long publish(String name, Referenceable object) {
        published.put(name, object);
        long reqId = 1_000_000 + published.size();
        call(reqId, 0, "getReferenceByName", w -> w.str(name));
        List<Answer> answers = answers();
        if (answers.isEmpty()) {
            throw new AssertionError("no answer; open=" + channel.isOpen() + " tokens=" + lastTokens + " " + (lastTokens.isEmpty() || lastTokens.get(0).body() == null ? "" : new String(lastTokens.get(0).body())));
        }
        Answer a = answers.get(answers.size() - 1);
        if (a.reqId() != reqId || a.error()) {
            throw new AssertionError("no reference for " + name + ": " + answers);
        }
        return a.firstInt();
    }

    /** An answer or error the broker wrote: its request ID and the first INT inside its value. */
    record Answer(long reqId, boolean error, long firstInt, String text) {}

    /** Everything the broker has written since the last look, answers and errors only. */
    List<Answer> answers() {
        ByteBuf all = Unpooled.buffer();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            all.writeBytes(b);
            b.release();
        }
        List<Token> tokens = new ArrayList<>();
        Token t;
        while ((t = outReader.read(all, (type, header, body, where) -> true)) != null) {
            tokens.add(t);
        }
        lastTokens = tokens;
        List<Answer> out = new ArrayList<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            Token kind = tokens.get(i + 1);
            if (tokens.get(i).type() == Tokens.OPEN && kind.type() == Tokens.VOCAB
                    && (kind.header() == 13 || kind.header() == 14)) {
                long firstInt = -1;
                StringBuilder text = new StringBuilder();
                int depth = 0;
                for (int j = i + 3; j < tokens.size(); j++) {
                    Token v = tokens.get(j);
                    if (v.type() == Tokens.INT && firstInt < 0) {
                        firstInt = v.header();
                    }
                    if (v.body() != null) {
                        text.append(new String(v.body(), java.nio.charset.StandardCharsets.UTF_8)).append(' ');
                    }
                    depth += v.type() == Tokens.OPEN ? 1 : v.type() == Tokens.CLOSE ? -1 : 0;
                    if (depth < 0) {
                        break;
                    }
                }
                out.add(new Answer(tokens.get(i + 2).header(), kind.header() == 14, firstInt, text.toString()));
            }
        }
        return out;
    }

    // ---- BrokerHost ----------------------------------------------------------------------------

    @Override
    public String tubId() {
        return "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    }

    @Override
    public TubOptions options() {
        return options;
    }

    @Override
    public Executor callExecutor() {
        return Runnable::run;
    }

    @Override
    public Referenceable resolveName(String name) {
        return published.get(name);
    }

    @Override
    public Optional<String> furlFor(String name) {
        return Optional.empty();
    }

    @Override
    public CompletableFuture<RemoteReference> getReference(String furl) {
        CompletableFuture<RemoteReference> future = new CompletableFuture<>();
        dialled.add(Map.entry(furl, future));
        return future;
    }

    @Override
    public void brokerClosed(Broker closed) {
    }
}
