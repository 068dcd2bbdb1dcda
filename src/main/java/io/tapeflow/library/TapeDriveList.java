package io.tapeflow.library;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.list.ListPage;

import java.util.List;

/** A page of drives; {@code next_cursor} is present while more rows follow. */
@Serdeable
public record TapeDriveList(long count, List<TapeDriveView> tapeDrives,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {

    static TapeDriveList of(ListPage<TapeDrive> page) {
        return new TapeDriveList(page.count(), page.rows().stream().map(TapeDriveView::of).toList(), page.nextCursor());
    }
}
