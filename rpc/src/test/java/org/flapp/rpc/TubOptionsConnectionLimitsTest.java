package org.flapp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TubOptionsConnectionLimitsTest {
    @Test
    void connectionLimitsDefaultToTheDocumentedValues() {
        TubOptions options = TubOptions.defaults();
        assertEquals(Duration.ofSeconds(10), options.requestTimeout());
        assertEquals(Duration.ofSeconds(30), options.graceTime());
        assertEquals(Duration.ofMinutes(10), options.idleTimeout());
        assertEquals(2048, options.maxConnections());
        assertEquals(64, options.maxConnectionsPerAddress());
        assertEquals(Duration.ofSeconds(60), options.refusalLogInterval());
    }

    @Test
    void refusesTimeoutsThatAreNotPositiveAndCapsBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TubOptions.builder().graceTime(Duration.ZERO));
        assertTrue(e.getMessage().contains("graceTime"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TubOptions.builder().requestTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> TubOptions.builder().idleTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> TubOptions.builder().refusalLogInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> TubOptions.builder().maxConnections(0));
        assertThrows(IllegalArgumentException.class, () -> TubOptions.builder().maxConnectionsPerAddress(0));
    }
}
