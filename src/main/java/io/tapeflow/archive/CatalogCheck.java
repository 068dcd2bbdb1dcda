package io.tapeflow.archive;

import io.tapeflow.transfer.ChecksumType;

/** Whether bytes read back from tape are what the catalog recorded of a file: its checksum, or its size when it recorded none. */
final class CatalogCheck {

    private CatalogCheck() {
    }

    /** The checksum the catalog recorded for the file; {@code none} when it recorded none. */
    static ChecksumType checksumType(RestoreQueue.Item item) {
        return item.checksum() == null ? ChecksumType.none : ChecksumType.of(item.checksumType());
    }

    /** Null when {@code size} bytes with checksum {@code actual} match the catalog; else what differs, expected against actual. */
    static String mismatch(String actual, long size, RestoreQueue.Item item) {
        if (size != item.size()) {
            return "the catalog says " + item.size() + " bytes, the tape gave " + size;
        }
        if (checksumType(item) == ChecksumType.none || item.checksum().equals(actual)) {
            return null;
        }
        return "the catalog says " + item.checksumType() + " " + item.checksum() + ", the bytes read have " + actual;
    }
}
