package io.tapeflow.tapeformat;

import java.nio.charset.StandardCharsets;

import static io.tapeflow.tapeformat.TapeFormat.BLOCK_SIZE;
import static io.tapeflow.tapeformat.TapeFormat.END_OF_ARCHIVE;
import static io.tapeflow.tapeformat.TapeFormat.RECORD_SIZE;
import static io.tapeflow.tapeformat.TapeFormat.padToRecord;
import static io.tapeflow.tapeformat.TapeFormat.roundDown;
import static io.tapeflow.tapeformat.TapeFormat.roundUp;

/**
 * Decides before each entry whether it fits in the free space of the cartridge, from a conservative upper bound of
 * what it costs, so that a tape is never overfilled: the finished tape file (entries, end-of-archive records, padding
 * to a whole block) must stay within the free bytes.
 */
final class SpaceBudget {

    /**
     * Room for the pax records an entry may carry besides its path: {@code mtime} with a fraction, {@code size} past
     * 8 GiB, {@code TAPEFLOW.offset} and {@code TAPEFLOW.size}; each under 48 bytes.
     */
    private static final int PAX_RECORDS_ALLOWANCE = 4 * 48;
    /** A pax record's length prefix, blank, {@code path=} and newline. */
    private static final int PAX_PATH_OVERHEAD = 16;

    private final long freeBytes;

    SpaceBudget(long freeBytes) {
        this.freeBytes = freeBytes;
    }

    /** Upper bound of the headers of one entry: a pax header (its own header and records) and the ustar header. */
    static long headerBound(String name) {
        long paxRecords = name.getBytes(StandardCharsets.UTF_8).length + PAX_PATH_OVERHEAD + PAX_RECORDS_ALLOWANCE;
        return RECORD_SIZE + padToRecord(paxRecords) + RECORD_SIZE;
    }

    /** Whether an entry of {@code length} bytes named {@code name}, written at {@code position}, still fits. */
    boolean fits(long position, String name, long length) {
        return tapeFileSize(position + headerBound(name) + padToRecord(length)) <= freeBytes;
    }

    /** The largest content (a multiple of 512 bytes, possibly 0) an entry named {@code name} at {@code position} can hold. */
    long largestContent(long position, String name) {
        long room = roundDown(freeBytes, BLOCK_SIZE) - END_OF_ARCHIVE - position - headerBound(name);
        return Math.max(0, roundDown(room, RECORD_SIZE));
    }

    /** The size of a tape file whose entries end at {@code position}: end-of-archive records, then padding to a block. */
    static long tapeFileSize(long position) {
        return roundUp(position + END_OF_ARCHIVE, BLOCK_SIZE);
    }
}
