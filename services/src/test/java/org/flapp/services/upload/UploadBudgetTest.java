package org.flapp.services.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class UploadBudgetTest {
    @Test
    void grantsAtOnceWhileBlocksAreFree() {
        UploadBudget budget = new UploadBudget(2);
        assertTrue(budget.reserve().isDone());
        assertTrue(budget.tryReserve());
        assertFalse(budget.tryReserve());
        assertEquals(2, budget.inFlight());
    }

    @Test
    void grantsWaitingReservationsInTheOrderTheyWereAskedFor() {
        UploadBudget budget = new UploadBudget(1);
        budget.reserve();
        CompletableFuture<Void> second = budget.reserve();
        CompletableFuture<Void> third = budget.reserve();
        assertFalse(second.isDone());

        budget.release();
        assertTrue(second.isDone());
        assertFalse(third.isDone());

        budget.release();
        assertTrue(third.isDone());
        assertEquals(1, budget.inFlight());
        assertEquals(0, budget.waiting());
    }

    @Test
    void tryReserveNeverJumpsAheadOfAWaitingReservation() {
        UploadBudget budget = new UploadBudget(1);
        budget.reserve();
        CompletableFuture<Void> waiting = budget.reserve();

        assertFalse(budget.tryReserve());
        budget.release();

        assertTrue(waiting.isDone(), "the released block went to the one waiting");
        assertFalse(budget.tryReserve());
    }

    @Test
    void releasedBlocksBecomeFreeAgain() {
        UploadBudget budget = new UploadBudget(1);
        budget.reserve();
        budget.release();
        assertEquals(0, budget.inFlight());
        assertTrue(budget.tryReserve());
    }

    @Test
    void refusesToReleaseABlockNobodyReserved() {
        UploadBudget budget = new UploadBudget(3);
        assertThrows(IllegalStateException.class, budget::release);
    }

    @Test
    void refusesABudgetWithoutBlocks() {
        assertThrows(IllegalArgumentException.class, () -> new UploadBudget(0));
    }
}
