package io.tapeflow.pool;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A pool as the API shows it: {@code tape_ids} for a tape pool, {@code container_ids} for a nas pool. */
@Serdeable
public record PoolView(long id, String name, String comment, PoolType type, PoolContent content,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<Long> tapeIds,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<Long> containerIds) {

    static PoolView of(Pool pool, List<Long> members) {
        boolean tapes = pool.content() == PoolContent.tape;
        return new PoolView(pool.id(), pool.name(), pool.comment(), pool.type(), pool.content(), tapes ? members : null,
                tapes ? null : members);
    }
}
