package org.flapp.services.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UploadBudgetTest {
    @Test
    void grantsAtOnceWhileBlocksAreFree() {
        UploadBudget budget = new UploadBudget(2);
        assertTrue(budget.reserve().isDone());
        assertNotNull(budget.tryReserve());
        assertNull(budget.tryReserve());
        assertEquals(2, budget.inFlight());
    }

    @Test
    void grantsWaitingReservationsInTheOrderTheyWereAskedFor() {
        UploadBudget budget = new UploadBudget(1);
        UploadBudget.Block first = budget.reserve().join();
        CompletableFuture<UploadBudget.Block> second = budget.reserve();
        CompletableFuture<UploadBudget.Block> third = budget.reserve();
        assertFalse(second.isDone());

        first.release();
        assertTrue(second.isDone());
        assertFalse(third.isDone());

        second.join().release();
        assertTrue(third.isDone());
        assertEquals(1, budget.inFlight());
        assertEquals(0, budget.waiting());
    }

    @Test
    void tryReserveNeverJumpsAheadOfAWaitingReservation() {
        UploadBudget budget = new UploadBudget(1);
        UploadBudget.Block first = budget.reserve().join();
        CompletableFuture<UploadBudget.Block> waiting = budget.reserve();

        assertNull(budget.tryReserve());
        first.release();

        assertTrue(waiting.isDone(), "the released block went to the one waiting");
        assertNull(budget.tryReserve());
    }

    @Test
    void aBlockGivenBackTwiceCountsOnce() {
        UploadBudget budget = new UploadBudget(2);
        UploadBudget.Block block = budget.tryReserve();
        UploadBudget.Block other = budget.tryReserve();
        block.release();
        block.release();
        assertEquals(1, budget.inFlight(), "the second release of the same block changed nothing");
        other.release();
        assertEquals(0, budget.inFlight());
    }

    @Test
    void aReadUnansweredPastTheGraceGivesItsBlockToTheNextInLine() throws Exception {
        UploadBudget budget = new UploadBudget(1, Duration.ofMillis(50));
        UploadBudget.Block held = budget.tryReserve();
        budget.graceFor(held, new CompletableFuture<>());   // never answered
        CompletableFuture<UploadBudget.Block> next = budget.reserve();

        UploadBudget.Block granted = next.get(10, TimeUnit.SECONDS);

        assertNotNull(granted);
        held.release();   // the late answer's own release, after the grace: no effect
        assertEquals(1, budget.inFlight(), "only the new reservation counts");
    }

    @Test
    void anAnsweredReadKeepsItsBlockUntilReleasedWhateverTheGrace() throws Exception {
        UploadBudget budget = new UploadBudget(1, Duration.ofMillis(1));
        UploadBudget.Block held = budget.tryReserve();
        CompletableFuture<Object> answer = new CompletableFuture<>();
        answer.complete(new byte[0]);
        budget.graceFor(held, answer);
        CompletableFuture<UploadBudget.Block> next = budget.reserve();
        // the grace's timer has run once a later timer of the same delay thread has
        CompletableFuture<Void> later = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS, Runnable::run).execute(() -> later.complete(null));
        later.get(10, TimeUnit.SECONDS);

        assertFalse(next.isDone(), "the answered block is still held");
        held.release();
        assertTrue(next.isDone());
    }

    @Test
    void refusesABudgetWithoutBlocksOrWithoutGrace() {
        assertThrows(IllegalArgumentException.class, () -> new UploadBudget(0));
        assertThrows(IllegalArgumentException.class, () -> new UploadBudget(1, Duration.ZERO));
    }
}
