package io.tapeflow.container;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A named file space. {@code path} is the real path of its root directory (see {@link ContainerRoot});
 * {@code quotaTotalSize} is in bytes, 0 for no quota. The statistics ({@code statTotalFiles},
 * {@code statTotalSize}, {@code lastUpdate}) are written only by Tapeflow.
 */
@MappedEntity("container")
public record Container(
        @Id @GeneratedValue Long id,
        String name,
        @Nullable String comment,
        ContainerType type,
        String path,
        long quotaTotalSize,
        long statTotalFiles,
        long statTotalSize,
        @Nullable Instant lastUpdate,
        Instant creationDate,
        Instant modificationDate,
        String creationUsername,
        String modificationUsername) {
}
