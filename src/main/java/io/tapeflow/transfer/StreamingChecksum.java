package io.tapeflow.transfer;

import java.nio.ByteBuffer;

/**
 * A checksum computed incrementally over the bytes of one file, fed buffer by buffer while they are copied.
 * Not thread-safe; one instance per file. {@link #close()} releases native state (xxHash64 may use JNI).
 */
public interface StreamingChecksum extends AutoCloseable {

    /** Adds the buffer's remaining bytes. The buffer's position is left where it was, so the caller can still write them. */
    void update(ByteBuffer buffer);

    /** Adds {@code length} bytes of {@code bytes} starting at {@code offset}. */
    void update(byte[] bytes, int offset, int length);

    /** Adds all of {@code bytes}. */
    default void update(byte[] bytes) {
        update(bytes, 0, bytes.length);
    }

    /**
     * The lowercase hex value of everything added so far, fixed-width for the type (md5 32, sha256 64, crc32 8,
     * xxhash64 16 characters); {@code null} for {@link ChecksumType#none}. Ends the computation: call it once, last.
     */
    String hex();

    @Override
    default void close() {
    }
}
