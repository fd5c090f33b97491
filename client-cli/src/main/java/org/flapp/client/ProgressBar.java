package org.flapp.client;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress display on stderr for a large upload, redrawn in place with a carriage
 * return at most every {@link #REDRAW_NANOS}; {@link #finish()} erases it so the
 * {@code NAME: uploaded} line on stdout stays clean. {@link #NONE} draws nothing: used when
 * stderr is not a terminal, with {@code --quiet}, and for small files. Thread-safe (updates come
 * from the call executor, finish from the main thread).
 */
class ProgressBar {
    static final ProgressBar NONE = new ProgressBar();
    /** Files smaller than this upload in a moment: no bar. */
    static final long THRESHOLD = 4L * 1024 * 1024;
    static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final String label;
    private final long total;
    private final LongSupplier clock;
    private long lastDraw;
    private long lastDone = -1;
    private int drawnLength;
    private boolean drawn;

    private ProgressBar() {
        this(null, "", 0, System::nanoTime);
    }

    ProgressBar(PrintStream err, String label, long total, LongSupplier nanoClock) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.clock = nanoClock;
    }

    /** A bar for a file of {@code size} bytes, or {@link #NONE} when none should be shown. */
    static ProgressBar forFile(PrintStream err, boolean show, String label, long size) {
        return show && size >= THRESHOLD ? new ProgressBar(err, label, size, System::nanoTime) : NONE;
    }

    synchronized void update(long done) {
        if (err == null) {
            return;
        }
        long now = clock.getAsLong();
        if (drawn && (done == lastDone || (now - lastDraw < REDRAW_NANOS && done < total))) {
            return;
        }
        lastDraw = now;
        lastDone = done;
        String line = render(done);
        // pad with spaces so a shorter line fully covers the previous one
        StringBuilder out = new StringBuilder("\r").append(line);
        for (int i = line.length(); i < drawnLength; i++) {
            out.append(' ');
        }
        drawnLength = line.length();
        drawn = true;
        err.print(out);
        err.flush();
    }

    synchronized void finish() {
        if (err == null || !drawn) {
            return;
        }
        err.print("\r" + " ".repeat(drawnLength) + "\r");
        err.flush();
        drawn = false;
    }

    String render(long done) {
        long clamped = Math.min(Math.max(done, 0), total);
        int percent = total == 0 ? 100 : (int) (clamped * 100 / total);
        int filled = total == 0 ? WIDTH : (int) (clamped * WIDTH / total);
        return String.format(Locale.ROOT, "%s [%s%s] %3d%% %s / %s", label,
                "#".repeat(filled), ".".repeat(WIDTH - filled), percent, mebibytes(clamped), mebibytes(total));
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
