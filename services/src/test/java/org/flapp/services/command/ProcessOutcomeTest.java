package org.flapp.services.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProcessOutcomeTest {
    @Test
    void readsTheWrappersLines() {
        assertEquals(Arrays.asList(null, 137L), ProcessOutcome.parse("exited 137\n", 0).doneArguments());
        assertEquals(Arrays.asList(9L, null), ProcessOutcome.parse("signaled 9\n", 0).doneArguments());
        // "/srv/gone" in hexadecimal, as the wrapper writes a name
        ProcessOutcome failed = ProcessOutcome.parse("execfailed 2 str 2f7372762f676f6e65 No such file or directory\n", 0);
        assertEquals("FileNotFoundError: [Errno 2] No such file or directory: '/srv/gone'",
                failed.execError().pythonLine());
        assertEquals(Arrays.asList(null, 1L), failed.doneArguments());
    }

    @Test
    void wordsExecFailuresAsPythonsLastTracebackLine() {
        // a name found on PATH is shown as bytes by Python's os.execvpe
        assertEquals("PermissionError: [Errno 13] Permission denied: b'/usr/bin/x'",
                ExecFailure.parse("13 bytes 2f7573722f62696e2f78 Permission denied").pythonLine());
        assertEquals("NotADirectoryError: [Errno 20] Not a directory: \"it's\"",
                ExecFailure.parse("20 str 69742773 Not a directory").pythonLine());
        assertEquals("OSError: [Errno 11] Resource temporarily unavailable",
                ExecFailure.parse("11 none - Resource temporarily unavailable").pythonLine());
        assertEquals("OSError: [Errno 0] garbage", ExecFailure.parse("garbage").pythonLine());
    }

    @Test
    void fallsBackOnTheExitValueWhenTheWrapperDiedSilently() {
        assertEquals(Arrays.asList(9L, null), ProcessOutcome.parse("", 137).doneArguments());
        assertEquals(Arrays.asList(null, 125L), ProcessOutcome.parse("garbage", 125).doneArguments());
    }
}
