package io.tapeflow.statistics;

import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.pool.PoolContent;
import io.tapeflow.pool.PoolType;

import java.time.Instant;
import java.util.List;

/**
 * Where the data is: containers as their last scan counted them, pools and tapes as the catalog
 * records them, with each tape's capacity ({@code max}), {@code free} and {@code used} bytes.
 */
@Serdeable
public record Storage(List<ContainerUsage> containers, List<PoolUsage> pools, List<TapeUsage> tapes) {

    /** {@code files}/{@code bytes} are the container's statistics of its last whole scan, taken at {@code last_update}. */
    @Serdeable
    public record ContainerUsage(long id, String name, long files, long bytes, long quotaTotalSize, Instant lastUpdate) {
    }

    /**
     * A tape pool: its tapes' capacity, free and used bytes, and the files and bytes the catalog holds
     * on them (a file spanning two tapes of the pool counts once). A nas pool: its containers' files
     * and bytes; capacity, free and used are then null.
     */
    @Serdeable
    public record PoolUsage(long id, String name, PoolType type, PoolContent content, long tapes, long containers,
                            long files, long bytes, Long max, Long free, Long used) {
    }

    /** A tape: capacity, free and used bytes, and the catalog's files (whole or in part) and bytes on it. */
    @Serdeable
    public record TapeUsage(long id, String barcode, long tapeLibraryId, Long poolId, long files, long bytes,
                            long max, long free, long used) {
    }
}
