package io.tapeflow.transfer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BandwidthLimiterTest {

    @Test
    void noLimitMeansUnlimitedAndAZeroOrNegativeLimitIsRefused() {
        assertNull(BandwidthLimiter.of(null).bytesPerSecond());
        assertEquals(5L, BandwidthLimiter.of(5L).bytesPerSecond());
        assertThrows(IllegalArgumentException.class, () -> BandwidthLimiter.of(0L));
        assertThrows(IllegalArgumentException.class, () -> BandwidthLimiter.of(-1L));
    }

    @Test
    void theUnlimitedLimiterNeverWaits() {
        long start = System.nanoTime();
        BandwidthLimiter.unlimited().acquire(Long.MAX_VALUE / 2, TransferControl.NONE);
        assertTrue(System.nanoTime() - start < 50_000_000L);
    }

    @Test
    void idleTimeEarnsNoBurst() throws InterruptedException {
        BandwidthLimiter limiter = BandwidthLimiter.of(1_000_000L);
        limiter.acquire(100_000, TransferControl.NONE);
        Thread.sleep(300);

        long start = System.nanoTime();
        limiter.acquire(200_000, TransferControl.NONE);

        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis >= 160, "200 kB at 1 MB/s after an idle spell took only " + elapsedMillis + " ms");
    }

    @Test
    void stepsLastAboutATenthOfASecondAtTheLimit() {
        assertEquals(1 << 20, BandwidthLimiter.unlimited().chunkSize(1 << 20));
        assertEquals(400_000, BandwidthLimiter.of(4_000_000L).chunkSize(1 << 20));
        assertEquals(8 * 1024, BandwidthLimiter.of(1000L).chunkSize(1 << 20), "but not absurdly small");
        assertEquals(1 << 20, BandwidthLimiter.of(10_000_000_000L).chunkSize(1 << 20));
    }
}
