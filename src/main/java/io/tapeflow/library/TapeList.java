package io.tapeflow.library;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.list.ListPage;

import java.util.List;

/** A page of cartridges; {@code next_cursor} is present while more rows follow. */
@Serdeable
public record TapeList(long count, List<TapeView> tapes, @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {

    public static TapeList of(ListPage<Tape> page) {
        return new TapeList(page.count(), page.rows().stream().map(TapeView::of).toList(), page.nextCursor());
    }
}
