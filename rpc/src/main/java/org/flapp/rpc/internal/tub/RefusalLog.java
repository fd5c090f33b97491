package org.flapp.rpc.internal.tub;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.flapp.rpc.TubOptions;
import org.flapp.rpc.internal.clock.ConnectionClock;
import org.flapp.rpc.internal.tub.ConnectionGate.Refusal;

/**
 * Reports refused connections without letting a flood flood the log: the first refusal is logged
 * at once, those that follow within the interval are counted, and one summary line per interval
 * reports them (the count per reason and the busiest sources) for as long as refusals go on.
 * At most {@value #TRACKED_SOURCES} sources are counted by name per interval. Thread-safe.
 */
final class RefusalLog {
    static final int TRACKED_SOURCES = 16;

    private final ConnectionClock clock;
    private final Duration interval;
    private final TubOptions options;
    private final Consumer<String> sink;
    private final Map<Refusal, Integer> counts = new EnumMap<>(Refusal.class);
    private final Map<String, Integer> bySource = new LinkedHashMap<>();
    private int untracked;
    private boolean windowOpen;

    RefusalLog(ConnectionClock clock, TubOptions options, Consumer<String> sink) {
        this.clock = clock;
        this.interval = options.refusalLogInterval();
        this.options = options;
        this.sink = sink;
    }

    /** One refused connection; {@code loop} runs the summary. */
    void refused(EventLoop loop, Refusal why, String source) {
        String line;
        synchronized (this) {
            if (windowOpen) {
                counts.merge(why, 1, Integer::sum);
                if (bySource.containsKey(source) || bySource.size() < TRACKED_SOURCES) {
                    bySource.merge(source, 1, Integer::sum);
                } else {
                    untracked++;
                }
                return;
            }
            windowOpen = true;
            line = "refused a connection from " + source + ": " + describe(why)
                    + "; further refusals are summarised every " + interval.toSeconds() + " s";
        }
        sink.accept(line);
        scheduleSummary(loop);
    }

    private void scheduleSummary(EventLoop loop) {
        try {
            clock.schedule(loop, interval, () -> summarise(loop));
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                windowOpen = false; // the Tub is shutting down: nothing more to summarise
            }
        }
    }

    private void summarise(EventLoop loop) {
        String line;
        synchronized (this) {
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            if (total == 0) {
                windowOpen = false;
                return;
            }
            String reasons = counts.entrySet().stream()
                    .map(e -> e.getValue() + " " + describe(e.getKey()))
                    .collect(Collectors.joining(", "));
            String sources = bySource.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(3)
                    .map(e -> e.getKey() + " (" + e.getValue() + ")")
                    .collect(Collectors.joining(", "));
            line = "refused " + total + " more connection(s) in the last " + interval.toSeconds() + " s: "
                    + reasons + "; most from " + sources
                    + (untracked > 0 || bySource.size() > 3 ? " and others" : "");
            counts.clear();
            bySource.clear();
            untracked = 0;
        }
        sink.accept(line);
        scheduleSummary(loop);
    }

    private String describe(Refusal why) {
        return switch (why) {
            case TOO_MANY_CONNECTIONS -> "over maxConnections (" + options.maxConnections() + ")";
            case TOO_MANY_FROM_SOURCE -> "over maxConnectionsPerAddress (" + options.maxConnectionsPerAddress() + ")";
        };
    }
}
