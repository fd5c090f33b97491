package org.flapp.rpc.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.internal.banana.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ten kinds of wrong Banana after a good negotiation, against a live Java Tub, all at once, each
 * on its own {@link RawPeer} connection, while a Java bystander keeps calling on another. Each
 * reaction is what Foolscap 21.7.0 does (recorded in transcripts/x-banana-misbehaviour.streams.json): a
 * fatal error gets an ERROR token and a closed connection, a violation gets an error answer and
 * the connection stays, PING gets PONG, and stray answers and aborted calls get silence.
 */
@Timeout(120)
class BananaMisbehaviourTest {
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(20);

    /**
     * One misbehaviour: the bytes (given the peer and the service's clid), how many items must come
     * back (each waited for up to {@link #WAIT}), a check on every item that came back before the
     * end, and whether the server must close the connection.
     */
    private record Probe(BiFunction<RawPeer, Long, Wire> bytes, int expected, Predicate<List<Item>> check,
            boolean closes) {}

    private static final Map<String, Probe> PROBES = new LinkedHashMap<>();

    static {
        PROBES.put("top-level-int", new Probe((p, svc) -> Wire.of().integer(7), 1,
                items -> items.size() == 1 && items.get(0).kind() == Item.Kind.ERROR
                        && items.get(0).text().equals("BananaError(in <RootUnslicer>): ('top-level must be OPEN',)"),
                true));
        PROBES.put("unknown-clid", new Probe((p, svc) -> p.call(5, 99, "putfile", new byte[] {'x'}), 1,
                items -> violation(items, 5, "unknown CLID 99"), false));
        PROBES.put("unknown-opentype", new Probe((p, svc) -> {
            Wire w = Wire.of();
            RawPeer.OpenCall call = p.startCall(w, 6, svc, "putfile", 1);
            long bogus = p.open(w, "bogus");
            w.integer(1).close(bogus);
            return call.finish(w);
        }, 1, items -> violation(items, 6, "unknown OPEN type") && violation(items, 6, "bogus"), false));
        PROBES.put("close-mismatch", new Probe((p, svc) -> {
            Wire w = Wire.of();
            long call = p.open(w, "call");
            return w.integer(7).integer(svc).str("putfile").close(call + 5);
        }, 1, items -> items.size() == 1 && items.get(0).kind() == Item.Kind.ERROR
                && items.get(0).text().startsWith("BananaError(in <RootUnslicer>.<methodcall reqID=7")
                && items.get(0).text().contains("('lost s"), true));
        PROBES.put("answer-unknown-reqid", new Probe((p, svc) -> {
            Wire w = Wire.of();
            long answer = p.open(w, "answer");
            return w.integer(77).str("nobody asked").close(answer).ping(5);
        }, 1, items -> rendered(items).equals("[PONG(5)]"), false));
        PROBES.put("abort", new Probe((p, svc) -> {
            // what 21.7.0 itself sends when an argument cannot be serialized: ABORT/CLOSE each level
            Wire w = Wire.of();
            RawPeer.OpenCall call = p.startCall(w, 11, svc, "putfile", 1);
            long list = p.open(w, "list");
            w.integer(1);
            for (long id : new long[] {list, call.argumentsId(), call.callId()}) {
                w.abort(id).close(id);
            }
            return w.ping(7);
        }, 1, items -> rendered(items).equals("[PONG(7)]"), false));
        PROBES.put("ping", new Probe((p, svc) -> Wire.of().ping(0).ping(5).ping(300), 3,
                items -> rendered(items).equals("[PONG(0), PONG(5), PONG(300)]"), false));
        PROBES.put("error-token", new Probe((p, svc) -> Wire.of().error("client is giving up"), 0,
                List::isEmpty, true));
        PROBES.put("unicode-method-args", new Probe((p, svc) -> {
            // getReferenceByName's name must be bytes: a unicode name violates its constraint
            Wire w = Wire.of();
            RawPeer.OpenCall call = p.startCall(w, 8, 0, "getReferenceByName", 0);
            w.str("name").text(p.openId(), "whatever");
            return call.finish(w);
        }, 1, items -> violation(items, 8, "Violation"), false));
        PROBES.put("big-string", new Probe((p, svc) -> {
            Wire w = Wire.of();
            RawPeer.OpenCall call = p.startCall(w, 9, 0, "getReferenceByName", 0);
            w.str("name").bytes(new byte[3_000_000]);
            return call.finish(w);
        }, 1, items -> violation(items, 9, "maxStringLength"), false));
    }

    /** Exactly one item, an error answer to {@code reqId} that is a Violation mentioning {@code fragment}. */
    private static boolean violation(List<Item> items, long reqId, String fragment) {
        return items.size() == 1 && items.get(0).isSequence("error") && items.get(0).reqId() == reqId
                && items.get(0).mentions("foolscap.tokens.Violation") && items.get(0).mentions(fragment);
    }

    private static String rendered(List<Item> items) {
        return items.toString();
    }

    /** Connects, resolves the service, misbehaves, and collects until the server closes or is quiet. */
    private static List<Item> run(HostileServer server, Probe probe) {
        try (RawPeer peer = RawPeer.connect(server.furl)) {
            long svc = peer.resolveTarget(WAIT);
            peer.send(probe.bytes().apply(peer, svc));
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < probe.expected(); i++) {
                items.add(peer.next(WAIT));
            }
            items.addAll(peer.drain(QUIET));
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyMisbehaviourGetsFoolscapsReactionAndTheBystanderIsServed() throws Exception {
        try (HostileServer server = new HostileServer(TubOptions.defaults())) {
            HostileServer.Traffic traffic = server.startTraffic();
            ExecutorService pool = Executors.newFixedThreadPool(PROBES.size());
            Map<String, CompletableFuture<List<Item>>> running = new LinkedHashMap<>();
            PROBES.forEach((name, probe) -> running.put(name, CompletableFuture.supplyAsync(() -> run(server, probe), pool)));
            pool.shutdown();
            List<String> problems = new ArrayList<>();
            for (var entry : running.entrySet()) {
                Probe probe = PROBES.get(entry.getKey());
                List<Item> items = new ArrayList<>(entry.getValue().get(60, TimeUnit.SECONDS));
                Item ending = items.remove(items.size() - 1);
                if (!probe.check().test(items)) {
                    problems.add(entry.getKey() + ": unexpected " + items);
                }
                if (ending != (probe.closes() ? Item.CLOSED : Item.TIMEOUT)) {
                    problems.add(entry.getKey() + ": expected the connection to "
                            + (probe.closes() ? "be closed" : "stay open") + ", got " + ending);
                }
            }
            assertTrue(problems.isEmpty(), String.join("\n\n", problems));
            traffic.stopAndCheck();
            server.assertBystanderServed();
        }
    }
}
