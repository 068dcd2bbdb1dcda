package io.tapeflow.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One copy of a file: on tape ({@code tape_id} .. {@code part_length}; a file spanning tapes has one
 * copy per part) or in a container ({@code container_id}, {@code path}). Only its kind's fields show.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CopyView(Long tapeId, String tapeBarcode, Integer tapeFile, Integer position, Long partOffset,
                       Long partLength, Long containerId, String path) {

    static CopyView onTape(long tapeId, String barcode, int tapeFile, int position, long partOffset, long partLength) {
        return new CopyView(tapeId, barcode, tapeFile, position, partOffset, partLength, null, null);
    }

    static CopyView inContainer(long containerId, String path) {
        return new CopyView(null, null, null, null, null, null, containerId, path);
    }
}
