package io.tapeflow.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A page of catalogued files; {@code next_cursor} is present while more rows follow. */
@Serdeable
public record CatalogFileList(long count, List<CatalogFileView> files,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {
}
