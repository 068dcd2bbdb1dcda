package io.tapeflow.pool;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A page of pools; {@code next_cursor} is present while more rows follow. */
@Serdeable
public record PoolList(long count, List<PoolView> pools, @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {
}
