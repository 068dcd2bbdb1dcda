package io.tapeflow.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How the bytes of a staged file (its temp file, times set) are made durable before it gets its name:
 * each file on its own by default, or many at once ({@link GroupSync}).
 */
public interface DataSync {

    /** Each file flushed on its own ({@link FileFlush#flushAndRelease}). */
    DataSync EACH_FILE = FileFlush::flushAndRelease;

    /**
     * Returns once {@code file}'s bytes and metadata are on disk.
     *
     * @throws IOException when they cannot be made durable
     */
    void flush(Path file) throws IOException;

    /** {@link #flush} of every file; an implementation may make them durable together. */
    default void flushAll(List<Path> files) throws IOException {
        for (Path file : files) {
            flush(file);
        }
    }
}
