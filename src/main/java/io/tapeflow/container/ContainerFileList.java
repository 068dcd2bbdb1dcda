package io.tapeflow.container;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A page of one directory's entries, sorted by name; {@code count} is the number of entries in all. */
@Serdeable
public record ContainerFileList(long count, List<ContainerFile> files) {
}
