package io.tapeflow.persistence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps at the precision DATETIME(6) stores, so what a write answers equals what a read returns. */
public final class DbTime {

    private DbTime() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
