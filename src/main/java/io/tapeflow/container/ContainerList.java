package io.tapeflow.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.list.ListPage;

import java.util.List;

/** A page of containers; {@code next_cursor} is present while more rows follow. */
@Serdeable
public record ContainerList(long count, List<ContainerView> containers,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {

    static ContainerList of(ListPage<ContainerView> page) {
        return new ContainerList(page.count(), page.rows(), page.nextCursor());
    }
}
