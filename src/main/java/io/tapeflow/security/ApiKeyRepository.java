package io.tapeflow.security;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface ApiKeyRepository extends CrudRepository<ApiKey, Long> {

    Optional<ApiKey> findByKeyHash(String keyHash);

    void updateLastUsedAt(@Id Long id, Instant lastUsedAt);
}
