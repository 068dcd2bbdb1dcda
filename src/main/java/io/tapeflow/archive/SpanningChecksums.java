package io.tapeflow.archive;

import io.tapeflow.transfer.ChecksumType;
import io.tapeflow.transfer.StreamingChecksum;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole-file checksums of files spanning cartridges, computed part by part while a run reads the parts in file
 * order: a part continues its file's checksum only where the previous part ended. They live in memory only, so a
 * run commits its checkpoint only while none is open (else a resumed run would meet a later part without the
 * earlier ones).
 *
 * @param <K> what names a file: its catalog id, or what a scan knows of it before it has one
 */
final class SpanningChecksums<K> implements AutoCloseable {

    /** How far a file has been read, and whether its checksum can still say anything. */
    static final class Chain {
        private final String path;
        private final StreamingChecksum checksum;
        private long next;
        private final List<String> tapes = new ArrayList<>();
        /** Null while every part read so far is sound; else why the file cannot be checked whole. */
        String problem;
        /** Whether the file's failure is counted already, so its later parts are not counted again. */
        boolean counted;

        private Chain(String path, StreamingChecksum checksum, long next) {
            this.path = path;
            this.checksum = checksum;
            this.next = next;
        }

        String path() {
            return path;
        }

        StreamingChecksum checksum() {
            return checksum;
        }

        /** A part of {@code length} bytes on {@code barcode} was read (or given up): the next part starts after it. */
        void advance(long length, String barcode) {
            next += length;
            if (!tapes.contains(barcode)) {
                tapes.add(barcode);
            }
        }

        /** The bytes read so far. */
        long read() {
            return next;
        }

        /** The cartridges its parts were read from, in order. */
        List<String> tapes() {
            return List.copyOf(tapes);
        }
    }

    private final Map<K, Chain> open = new HashMap<>();

    /** The file's first part: a new checksum of {@code type}. A chain left open for the file is dropped. */
    Chain start(K file, String path, ChecksumType type) {
        end(file);
        Chain chain = new Chain(path, type.start(), 0);
        open.put(file, chain);
        return chain;
    }

    /** The file's chain if its previous part ended at {@code partOffset}; null when that part was not read. */
    Chain continuing(K file, long partOffset) {
        Chain chain = open.get(file);
        return chain != null && chain.next == partOffset ? chain : null;
    }

    /**
     * A part met without the earlier ones (they are on a tape this run does not read): the file's later parts
     * continue this chain, which cannot say whether the file is sound.
     */
    Chain orphan(K file, String path, long partOffset, String why) {
        end(file);
        Chain chain = new Chain(path, ChecksumType.none.start(), partOffset);
        chain.problem = why;
        open.put(file, chain);
        return chain;
    }

    /** The file's last part is read: its checksum (null when the chain has a problem), and the chain is closed. */
    String complete(K file) {
        Chain chain = open.remove(file);
        try (StreamingChecksum checksum = chain.checksum) {
            return chain.problem == null ? checksum.hex() : null;
        }
    }

    void end(K file) {
        Chain chain = open.remove(file);
        if (chain != null) {
            chain.checksum.close();
        }
    }

    boolean isEmpty() {
        return open.isEmpty();
    }

    /** The chains of the files whose last part was not read. */
    List<Chain> unfinished() {
        return List.copyOf(open.values());
    }

    @Override
    public void close() {
        open.values().forEach(chain -> chain.checksum.close());
        open.clear();
    }
}
