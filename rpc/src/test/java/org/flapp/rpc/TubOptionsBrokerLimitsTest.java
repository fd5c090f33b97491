package org.flapp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TubOptionsBrokerLimitsTest {
    @Test
    void giftsAreOffByDefault() {
        assertFalse(TubOptions.defaults().acceptGifts());
        assertTrue(TubOptions.builder().acceptGifts(true).build().acceptGifts());
    }

    @Test
    void theWriteBufferMarksDefaultToTheDocumentedValues() {
        TubOptions options = TubOptions.defaults();
        assertEquals(256 * 1024, options.writeBufferHighWaterMark());
        assertEquals(128 * 1024, options.writeBufferLowWaterMark());
        assertEquals(16, options.maxGiftLookups());
    }

    @Test
    void refusesALowWaterMarkAboveTheHighOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TubOptions.builder().writeBufferWaterMark(2048, 1024));
        assertTrue(e.getMessage().contains("writeBufferHighWaterMark"), e.getMessage());
        TubOptions equal = TubOptions.builder().writeBufferWaterMark(1024, 1024).build();
        assertEquals(1024, equal.writeBufferHighWaterMark());
    }

    @Test
    void refusesFewerThanOneGiftLookup() {
        assertThrows(IllegalArgumentException.class, () -> TubOptions.builder().maxGiftLookups(0));
    }
}
