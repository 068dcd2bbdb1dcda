package io.tapeflow.library;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.list.ListPage;

import java.util.List;

/** A page of libraries; {@code next_cursor} is present while more rows follow. */
@Serdeable
public record TapeLibraryList(long count, List<TapeLibraryView> tapeLibraries,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {

    static TapeLibraryList of(ListPage<TapeLibrary> page) {
        return new TapeLibraryList(page.count(), page.rows().stream().map(TapeLibraryView::of).toList(), page.nextCursor());
    }
}
