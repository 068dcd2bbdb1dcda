package io.tapeflow.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One archived file version; where its bytes are is in its copies. */
@MappedEntity("catalog_file")
public record CatalogFile(
        @Id @GeneratedValue Long id,
        String path,
        long size,
        @Nullable Instant modificationDate,
        @Nullable String checksum,
        String checksumType,
        @Nullable Long taskId,
        @Nullable Long executionId,
        Instant creationDate) {
}
