package io.tapeflow.library;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A cartridge. {@code free}/{@code max} are bytes; {@code fileCount} is the number the next tape file
 * gets (0 = blank); {@code executionId} is the run using it now.
 */
@MappedEntity("tape")
public record Tape(
        @Id @GeneratedValue Long id,
        long tapeLibraryId,
        @Nullable Long poolId,
        String barcode,
        LocationKind locationKind,
        int locationNumber,
        TapeType type,
        boolean locked,
        boolean scratch,
        boolean cleaning,
        boolean writeProtect,
        boolean mounted,
        boolean ejected,
        boolean lost,
        long mountCount,
        long free,
        long max,
        int fileCount,
        @Nullable Long executionId,
        @Nullable Instant dateIn,
        @Nullable Instant lastSizeUpdate,
        Instant creationDate,
        Instant modificationDate) {

    /** A blank scratch cartridge just put into a library. */
    static Tape blank(long libraryId, String barcode, LocationKind kind, int number, TapeType type, long capacity, Instant now) {
        boolean cleaning = type == TapeType.cleaning;
        return new Tape(null, libraryId, null, barcode, kind, number, type, false, !cleaning, cleaning, false,
                kind == LocationKind.drive, false, false, 0, capacity, capacity, 0, null, now, null, now, now);
    }
}
