package io.tapeflow.catalog;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** A catalogued file as the API shows it, with every copy of it. */
@Serdeable
public record CatalogFileView(long id, String path, long size, Instant modificationDate, String checksum,
                              String checksumType, List<CopyView> copies) {

    static CatalogFileView of(CatalogFile file, List<CopyView> copies) {
        return new CatalogFileView(file.id(), file.path(), file.size(), file.modificationDate(), file.checksum(),
                file.checksumType(), copies);
    }
}
