package io.tapeflow.pool;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A named group of tapes or containers; its members are the tapes naming it, or its pool_container rows. */
@MappedEntity("pool")
public record Pool(
        @Id @GeneratedValue Long id,
        String name,
        @Nullable String comment,
        PoolType type,
        PoolContent content,
        Instant creationDate,
        Instant modificationDate,
        String creationUsername,
        String modificationUsername) {
}
