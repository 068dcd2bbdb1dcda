package io.tapeflow.archive;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CheckedTapesTest {

    @Test
    void tapesKeepTheirOrderWhenNoFileSpansThem() {
        assertEquals(List.of(3L, 1L, 2L), CheckedTapes.readingOrder(List.of(3L, 1L, 2L), List.of()));
    }

    @Test
    void aTapeContinuingAFileIsReadAfterTheTapeHoldingItsStart() {
        // The pool filled tape 5 first, spanned to 2, then to 4; tape 1 holds files of its own.
        List<long[]> spans = List.of(new long[]{5, 2}, new long[]{2, 4});

        assertEquals(List.of(1L, 3L, 5L, 2L, 4L), CheckedTapes.readingOrder(List.of(1L, 2L, 3L, 4L, 5L), spans));
    }

    @Test
    void aCycleIsBrokenAtTheFirstTapeLeft() {
        List<long[]> spans = List.of(new long[]{1, 2}, new long[]{2, 1}, new long[]{2, 3});

        assertEquals(List.of(1L, 2L, 3L), CheckedTapes.readingOrder(List.of(1L, 2L, 3L), spans));
    }
}
