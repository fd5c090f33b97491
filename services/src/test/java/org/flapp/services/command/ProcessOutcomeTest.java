package org.flapp.services.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProcessOutcomeTest {
    @Test
    void readsTheWrappersLines() {
        assertEquals(Arrays.asList(null, 137L), ProcessOutcome.parse("exited 137\n", 0).doneArguments());
        assertEquals(Arrays.asList(9L, null), ProcessOutcome.parse("signaled 9\n", 0).doneArguments());
        ProcessOutcome failed = ProcessOutcome.parse("execfailed 2 No such file or directory\n", 0);
        assertEquals("No such file or directory", failed.execError());
        assertEquals(Arrays.asList(null, 1L), failed.doneArguments());
    }

    @Test
    void fallsBackOnTheExitValueWhenTheWrapperDiedSilently() {
        assertEquals(Arrays.asList(9L, null), ProcessOutcome.parse("", 137).doneArguments());
        assertEquals(Arrays.asList(null, 125L), ProcessOutcome.parse("garbage", 125).doneArguments());
    }
}
