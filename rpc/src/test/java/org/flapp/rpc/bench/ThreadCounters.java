package org.flapp.rpc.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the benches' threads did between two snapshots, read from Linux's {@code /proc/self/task}:
 * context switches by thread group (a thread's name up to its first digit: {@code main},
 * {@code flapp-io-}, {@code flapp-call-}, ...) and the process's CPU time. A voluntary switch is
 * a thread going to sleep (it will need a wake-up), so switches per call count a call's
 * hand-offs between threads; CPU per call is less disturbed by foreign load than wall time.
 * Also, machine-wide (so only meaningful on a quiet machine): how often a CPU went idle
 * ({@code cpuidle} entries: on a virtual machine each is a halt that the next wake-up must
 * undo through the hypervisor) and the rescheduling interrupts sent between CPUs. Empty on
 * systems without {@code /proc} and {@code /sys}.
 */
final class ThreadCounters {
    private final Map<String, long[]> switches; // group -> {voluntary, involuntary}
    private final long cpuNanos;
    private final long idleEntries;
    private final long reschedulingInterrupts;

    private ThreadCounters(Map<String, long[]> switches, long cpuNanos, long idleEntries, long reschedulingInterrupts) {
        this.switches = switches;
        this.cpuNanos = cpuNanos;
        this.idleEntries = idleEntries;
        this.reschedulingInterrupts = reschedulingInterrupts;
    }

    static ThreadCounters now() {
        Map<String, long[]> groups = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    long[] counts = groups.computeIfAbsent(group(name), g -> new long[2]);
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            counts[0] += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                            counts[1] += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // no /proc here
        }
        long cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
        return new ThreadCounters(groups, cpu, idleEntries(), reschedulingInterrupts());
    }

    private static long idleEntries() {
        long total = 0;
        try (DirectoryStream<Path> states = Files.newDirectoryStream(Path.of("/sys/devices/system/cpu"),
                "cpu[0-9]*")) {
            for (Path cpu : states) {
                try (DirectoryStream<Path> idle = Files.newDirectoryStream(cpu.resolve("cpuidle"), "state*")) {
                    for (Path state : idle) {
                        total += Long.parseLong(Files.readString(state.resolve("usage")).trim());
                    }
                } catch (IOException | RuntimeException e) {
                    // no cpuidle for this CPU
                }
            }
        } catch (IOException e) {
            // no /sys here
        }
        return total;
    }

    private static long reschedulingInterrupts() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/interrupts"))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 1 && fields[0].equals("RES:")) {
                    long total = 0;
                    for (int i = 1; i < fields.length && fields[i].chars().allMatch(Character::isDigit); i++) {
                        total += Long.parseLong(fields[i]);
                    }
                    return total;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc/interrupts here
        }
        return 0;
    }

    private static String group(String threadName) {
        int cut = 0;
        while (cut < threadName.length() && !Character.isDigit(threadName.charAt(cut))) {
            cut++;
        }
        return cut == 0 ? threadName : threadName.substring(0, cut);
    }

    /**
     * Since {@code before}, per {@code calls}: "cpu 51.2 us, sleeps main 1.00 flapp-io- 2.01 ..."
     * (voluntary switches; involuntary ones, a thread preempted, after a slash where any).
     */
    String perCall(ThreadCounters before, long calls) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "cpu %.1f us, machine idle entries %.2f, IPIs %.2f, sleeps",
                (cpuNanos - before.cpuNanos) / 1e3 / calls, (double) (idleEntries - before.idleEntries) / calls,
                (double) (reschedulingInterrupts - before.reschedulingInterrupts) / calls));
        for (Map.Entry<String, long[]> group : switches.entrySet()) {
            long[] was = before.switches.getOrDefault(group.getKey(), new long[2]);
            double voluntary = (double) (group.getValue()[0] - was[0]) / calls;
            double involuntary = (double) (group.getValue()[1] - was[1]) / calls;
            if (voluntary >= 0.005 || involuntary >= 0.005) {
                out.append(String.format(Locale.ROOT, " %s %.2f", group.getKey(), voluntary));
                if (involuntary >= 0.005) {
                    out.append(String.format(Locale.ROOT, "/%.2f", involuntary));
                }
            }
        }
        return out.toString();
    }
}
