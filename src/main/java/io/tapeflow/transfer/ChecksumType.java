package io.tapeflow.transfer;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The checksum recorded for each copied file. Constants are the API's wire values (task option
 * {@code file_checksum}), hence lowercase.
 */
public enum ChecksumType {
    md5, sha256, crc32, xxhash64, none;

    /** What a task uses when it names no checksum: fast enough not to slow a tape streaming at full speed. */
    public static final ChecksumType DEFAULT = xxhash64;

    /**
     * The type named by a wire value, ignoring case; {@link #DEFAULT} for {@code null}.
     *
     * @throws IllegalArgumentException naming the accepted values when the name is unknown
     */
    public static ChecksumType of(String wireValue) {
        if (wireValue == null) {
            return DEFAULT;
        }
        try {
            return valueOf(wireValue.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown checksum type '" + wireValue + "': expected one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")), e);
        }
    }

    /** A fresh checksum of this type over no bytes yet; for {@link #none} one that ignores its input and answers {@code null}. */
    public StreamingChecksum start() {
        return switch (this) {
            case md5 -> Checksums.digest("MD5");
            case sha256 -> Checksums.digest("SHA-256");
            case crc32 -> Checksums.crc32();
            case xxhash64 -> Checksums.xxHash64();
            case none -> Checksums.NONE;
        };
    }

    /** Whether computing this checksum needs to see the bytes (lets the copier use zero-copy transfer when not). */
    public boolean needsBytes() {
        return this != none;
    }
}
