package org.flapp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void noBarForSmallFilesOrWhenNotShown() {
        PrintStream err = new PrintStream(new ByteArrayOutputStream());
        assertSame(ProgressBar.NONE, ProgressBar.forFile(err, true, "x", ProgressBar.THRESHOLD - 1));
        assertSame(ProgressBar.NONE, ProgressBar.forFile(err, false, "x", 100 * MIB));
        assertTrue(ProgressBar.forFile(err, true, "x", ProgressBar.THRESHOLD) != ProgressBar.NONE);
    }

    @Test
    void rendersPercentAndSizes() {
        ProgressBar bar = new ProgressBar(null, "big.bin", 10 * MIB, () -> 0);
        assertEquals("big.bin [###############...............]  50% 5.0 MiB / 10.0 MiB", bar.render(5 * MIB));
        assertEquals("big.bin [##############################] 100% 10.0 MiB / 10.0 MiB", bar.render(10 * MIB));
    }

    @Test
    void redrawsAtMostEveryTenthOfASecondAndErasesItselfAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicLong now = new AtomicLong(1_000_000_000L);
        ProgressBar bar = new ProgressBar(err, "f", 10 * MIB, now::get);
        bar.update(MIB);
        bar.update(2 * MIB); // too soon: skipped
        now.addAndGet(ProgressBar.REDRAW_NANOS);
        bar.update(3 * MIB);
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(2, drawn.chars().filter(c -> c == '\r').count(), drawn);
        assertTrue(drawn.contains("3.0 MiB"), drawn);
        bytes.reset();
        bar.finish();
        String erased = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(erased.startsWith("\r") && erased.endsWith("\r") && erased.strip().isEmpty(), erased);
    }

    @Test
    void aBarThatIsNotShownWritesNothingToTheStream() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressBar hidden = ProgressBar.forFile(err, false, "big", 100 * MIB);
        ProgressBar small = ProgressBar.forFile(err, true, "small", MIB);
        for (ProgressBar bar : new ProgressBar[] {hidden, small, ProgressBar.NONE}) {
            bar.update(MIB / 2);
            bar.update(MIB);
            bar.finish();
        }
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }
}
