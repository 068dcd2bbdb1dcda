package io.tapeflow.webhook;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A URL told about the events it subscribes to (its {@code webhook_event} rows). */
@MappedEntity("webhook")
public record Webhook(
        @Id @GeneratedValue Long id,
        String url,
        String secret,
        boolean active,
        Instant creationDate,
        Instant modificationDate,
        String creationUsername,
        String modificationUsername) {
}
