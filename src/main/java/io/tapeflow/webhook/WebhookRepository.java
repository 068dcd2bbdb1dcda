package io.tapeflow.webhook;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.MYSQL)
interface WebhookRepository extends CrudRepository<Webhook, Long> {

    void update(@Id Long id, String url, String secret, boolean active, Instant modificationDate, String modificationUsername);
}
