package io.tapeflow.transfer;

import java.nio.file.Path;

/**
 * A file copied, durable and in place.
 *
 * @param finalTarget where the copy is (the intended target, or its numbered name after {@link ConflictPolicy#RENAME})
 * @param bytes       how many bytes were copied
 * @param checksum    hex checksum of those bytes, {@code null} for {@link ChecksumType#none}
 * @param type        the checksum's type
 */
public record CopyResult(Path finalTarget, long bytes, String checksum, ChecksumType type) implements CopyOutcome {
}
