package org.flapp.rpc.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flapp.rpc.TubOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared independent client's misbehaviour probes (miniclient.py misbehave WHICH) against a
 * live Java Tub, all at once, each on its own connection, while a Java bystander keeps calling on
 * another. Each reaction is what Foolscap 21.7.0 does (transcripts/x-banana-misbehaviour.md):
 * a fatal error gets an ERROR token and a closed connection, a violation gets an error answer
 * and the connection stays, PING gets PONG, and stray answers and aborted calls get silence.
 */
@Timeout(120)
class BananaMisbehaviourTest {
    @TempDir
    Path dir;

    /** What the probe must print, and whether the server must close (true) or keep (false) the connection. */
    private record Expected(List<String> fragments, List<String> absent, boolean closed) {}

    private static final Map<String, Expected> PROBES = new LinkedHashMap<>();

    static {
        PROBES.put("top-level-int", new Expected(
                List.of("<- ERROR b\"BananaError(in <RootUnslicer>): ('top-level must be OPEN',)\""), List.of(), true));
        PROBES.put("unknown-clid", new Expected(
                List.of("<- error reqID=5", "foolscap.tokens.Violation", "unknown CLID 99"), List.of(), false));
        PROBES.put("unknown-opentype", new Expected(
                List.of("<- error reqID=6", "foolscap.tokens.Violation", "unknown OPEN type", "bogus"), List.of(), false));
        PROBES.put("close-mismatch", new Expected(
                List.of("<- ERROR b\"BananaError(in <RootUnslicer>.<methodcall reqID=7", "('lost s"), List.of(), true));
        PROBES.put("answer-unknown-reqid", new Expected(List.of("<- PONG(5)"), List.of("error"), false));
        PROBES.put("abort", new Expected(List.of("<- PONG(7)"), List.of("reqID=11"), false));
        PROBES.put("ping", new Expected(List.of("<- PONG(0)", "<- PONG(5)", "<- PONG(300)"), List.of(), false));
        PROBES.put("error-token", new Expected(List.of(), List.of("<-"), true));
        PROBES.put("unicode-method-args", new Expected(
                List.of("<- error reqID=8", "foolscap.tokens.Violation"), List.of(), false));
        PROBES.put("big-string", new Expected(
                List.of("<- error reqID=9", "foolscap.tokens.Violation", "maxStringLength"), List.of(), false));
    }

    @Test
    void everyMiniclientProbeGetsFoolscapsReactionAndTheBystanderIsServed() throws Exception {
        Probe.tools();
        try (HostileServer server = new HostileServer(TubOptions.defaults())) {
            HostileServer.Traffic traffic = server.startTraffic();
            Map<String, Probe.Running> running = new LinkedHashMap<>();
            try {
                for (String which : PROBES.keySet()) {
                    running.put(which, Probe.own("misbehave", which, server.furl, Probe.clientPem(dir).toString()));
                }
                List<String> problems = new ArrayList<>();
                for (var entry : running.entrySet()) {
                    Probe.Result result = entry.getValue().finish(60);
                    Expected expected = PROBES.get(entry.getKey());
                    for (String fragment : expected.fragments()) {
                        if (!result.printed(fragment)) {
                            problems.add(entry.getKey() + ": no '" + fragment + "' in\n" + result.text());
                        }
                    }
                    for (String fragment : expected.absent()) {
                        if (result.lines().stream().filter(l -> !l.startsWith("end:")).anyMatch(l -> l.contains(fragment))) {
                            problems.add(entry.getKey() + ": unexpected '" + fragment + "' in\n" + result.text());
                        }
                    }
                    String ending = expected.closed() ? "end: EOFError" : "end: TimeoutError";
                    if (!result.printed(ending)) {
                        problems.add(entry.getKey() + ": expected the connection to "
                                + (expected.closed() ? "be closed" : "stay open") + ", got\n" + result.text());
                    }
                }
                assertTrue(problems.isEmpty(), String.join("\n\n", problems));
            } finally {
                running.values().forEach(Probe.Running::close);
            }
            traffic.stopAndCheck();
            server.assertBystanderServed();
        }
    }
}
