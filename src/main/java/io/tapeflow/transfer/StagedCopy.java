package io.tapeflow.transfer;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * A copy whose bytes are in a temp file beside its target, checksummed but neither flushed nor named
 * ({@link FileCopier#stage}); or, when the target existed under conflict resolution {@code ignore}, nothing.
 * Exactly one of {@link #publish()} or {@link #discard()} ends it, on any thread.
 */
public final class StagedCopy {

    private final Path temp;
    private final Path intended;
    private final Resolution resolution;
    private final FileTime mtime;
    private final long bytes;
    private final String checksum;
    private final CopyOptions options;

    StagedCopy(Path temp, Path intended, Resolution resolution, FileTime mtime, long bytes, String checksum, CopyOptions options) {
        this.temp = temp;
        this.intended = intended;
        this.resolution = resolution;
        this.mtime = mtime;
        this.bytes = bytes;
        this.checksum = checksum;
        this.options = options;
    }

    static StagedCopy skipped(Path existing) {
        return new StagedCopy(null, existing, null, null, 0, null, null);
    }

    /**
     * Flushes the bytes and the source's modification time, then names the file under the conflict policy.
     *
     * @return {@link CopyResult} with where the copy landed, or {@link CopyOutcome.Skipped} when the target exists
     *         and the policy is {@link ConflictPolicy#IGNORE} (also when it appeared since the copy was staged)
     * @throws TransferFailure when the flush or the rename fails; the temp file is gone and the target untouched
     */
    public CopyOutcome publish() {
        if (temp == null) {
            return new CopyOutcome.Skipped(intended);
        }
        Path landed = FileCopier.flushAndPublish(temp, intended, resolution, mtime, options);
        return landed == null ? new CopyOutcome.Skipped(intended) : new CopyResult(landed, bytes, checksum, options.checksum());
    }

    /** Drops the temp file: the copy will not be published. */
    public void discard() {
        if (temp != null) {
            FileCopier.deleteQuietly(temp);
        }
    }
}
