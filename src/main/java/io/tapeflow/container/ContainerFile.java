package io.tapeflow.container;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * One entry of a container directory.
 *
 * @param path container-relative, starting with {@code /}
 * @param size bytes of a file; 0 for a folder
 */
@Serdeable
public record ContainerFile(String name, String path, FileType type, long size, Instant modificationDate) {
}
