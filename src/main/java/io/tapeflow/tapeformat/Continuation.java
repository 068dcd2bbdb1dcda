package io.tapeflow.tapeformat;

import io.tapeflow.transfer.ChecksumType;
import io.tapeflow.transfer.StreamingChecksum;

import java.nio.file.attribute.FileTime;

/**
 * What remains of a file that did not fit on the tape: the caller closes the tape file, moves to the next tape and
 * passes this with the same, still open, source stream (positioned at {@link #offset()}) to
 * {@link TapeFileWriter#continueEntry}. Holds the running whole-file checksum, so it lives in memory only.
 */
public final class Continuation {

    private final String path;
    private final long size;
    private final FileTime mtime;
    private final ChecksumType checksumType;
    private final long offset;
    private final int nextPart;
    private final StreamingChecksum fileChecksum;

    Continuation(String path, long size, FileTime mtime, ChecksumType checksumType, long offset, int nextPart,
                 StreamingChecksum fileChecksum) {
        this.path = path;
        this.size = size;
        this.mtime = mtime;
        this.checksumType = checksumType;
        this.offset = offset;
        this.nextPart = nextPart;
        this.fileChecksum = fileChecksum;
    }

    public String path() {
        return path;
    }

    public long size() {
        return size;
    }

    public FileTime mtime() {
        return mtime;
    }

    public ChecksumType checksumType() {
        return checksumType;
    }

    /** How many bytes of the file are on tape already (and were read from the source stream). */
    public long offset() {
        return offset;
    }

    /** The part number the next entry gets if it is a part. */
    public int nextPart() {
        return nextPart;
    }

    long remaining() {
        return size - offset;
    }

    /** Whether parts of this file are on tape already, so what follows must be a part too. */
    boolean started() {
        return fileChecksum != null;
    }

    StreamingChecksum fileChecksum() {
        return fileChecksum;
    }

    Continuation after(long written, StreamingChecksum runningChecksum) {
        return new Continuation(path, size, mtime, checksumType, offset + written, nextPart + 1, runningChecksum);
    }
}
