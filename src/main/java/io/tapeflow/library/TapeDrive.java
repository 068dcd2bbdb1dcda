package io.tapeflow.library;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A drive of a library. {@code number} is its element number (mtx numbering, from 0); {@code barcode}
 * the loaded cartridge; {@code executionId}/{@code taskId} the run holding it; the {@code useFile*}
 * fields and {@code bandwidth} are the holder's live progress.
 */
@MappedEntity("tape_drive")
public record TapeDrive(
        @Id @GeneratedValue Long id,
        long tapeLibraryId,
        int number,
        String name,
        @Nullable String serial,
        @Nullable String device,
        DeviceStatus status,
        @Nullable String barcode,
        @Nullable Long executionId,
        @Nullable Long taskId,
        long mountCount,
        @Nullable String useFileNameProcessed,
        @Nullable Long useFileProcessedSize,
        @Nullable Long useFileSizeToProcess,
        long bandwidth,
        Instant creationDate,
        Instant modificationDate) {

    /** A new, empty, online drive. */
    static TapeDrive of(long libraryId, int number, String device, Instant now) {
        return new TapeDrive(null, libraryId, number, "drive " + number, null, device, DeviceStatus.online, null,
                null, null, 0, null, null, null, 0, now, now);
    }
}
