package org.flapp.rpc.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.flapp.rpc.RemoteReference;
import org.flapp.rpc.Tub;
import org.flapp.rpc.TubIdentity;
import org.flapp.rpc.TubOptions;

/**
 * An A/B of {@link CallThroughput}'s sequential mode for a loaded machine (a plain main, not a
 * test): three ways of calling the same echo, measured in one JVM in short alternating windows,
 * so that foreign load and the JIT's progress fall on all three alike: the handler on the
 * default call executor ({@code executor}), the same handler declared non-blocking
 * ({@code nonblocking}), and a pair of Tubs with a direct call executor ({@code direct}). Warms
 * up all three for 6 s, then runs ROUNDS rounds of SECONDS per way (the order rotates each round)
 * and prints every round, then the median, minimum and maximum of each with its sleeps per call
 * (see {@link ThreadCounters}).
 *
 * <p>Usage: {@code SequentialAlternation [ROUNDS] [SECONDS]} (defaults 10 and 1).
 */
public final class SequentialAlternation {
    private SequentialAlternation() {}

    private record Way(String name, RemoteReference ref, String method, List<Double> rates) {}

    public static void main(String[] argv) throws Exception {
        int rounds = argv.length > 0 ? Integer.parseInt(argv[0]) : 10;
        double seconds = argv.length > 1 ? Double.parseDouble(argv[1]) : 1;
        TubOptions direct = TubOptions.builder().callExecutor(Runnable::run).build();
        try (Tub server = new Tub(TubIdentity.generateEphemeral());
             Tub client = new Tub(TubIdentity.generateEphemeral());
             Tub directServer = new Tub(TubIdentity.generateEphemeral(), direct);
             Tub directClient = new Tub(TubIdentity.generateEphemeral(), direct)) {
            RemoteReference ref = connect(server, client);
            RemoteReference directRef = connect(directServer, directClient);
            List<Way> ways = List.of(new Way("executor", ref, "echo", new ArrayList<>()),
                    new Way("nonblocking", ref, "echoNow", new ArrayList<>()),
                    new Way("direct", directRef, "echo", new ArrayList<>()));
            for (Way way : ways) {
                CallThroughput.sequential(way.ref(), way.method(), 2);
            }
            String[] sleeps = new String[ways.size()];
            for (int round = 0; round < rounds; round++) {
                StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
                for (int i = 0; i < ways.size(); i++) {
                    int w = (i + round) % ways.size();
                    Way way = ways.get(w);
                    ThreadCounters before = ThreadCounters.now();
                    CallThroughput.Result r = CallThroughput.sequential(way.ref(), way.method(), seconds);
                    sleeps[w] = ThreadCounters.now().perCall(before, r.calls());
                    double rate = r.calls() / (r.nanos() / 1e9);
                    way.rates().add(rate);
                    line.append(String.format(Locale.ROOT, " %s %.0f", way.name(), rate));
                }
                System.out.println(line);
            }
            for (int w = 0; w < ways.size(); w++) {
                double[] rates = ways.get(w).rates().stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf(Locale.ROOT, "java-%s sequential median %.0f min %.0f max %.0f (last window: %s)%n",
                        ways.get(w).name(), median(rates), rates[0], rates[rates.length - 1], sleeps[w]);
            }
        }
    }

    private static RemoteReference connect(Tub server, Tub client) throws Exception {
        int port = server.listenOn("tcp:0:interface=127.0.0.1");
        server.setLocation("tcp:127.0.0.1:" + port);
        return client.getReference(server.registerReference(CallThroughput.ECHO)).get(30, TimeUnit.SECONDS);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
