package io.tapeflow.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * One event sent to one webhook, with all its attempts: {@code payload} is the exact body every
 * attempt sends; {@code statusCode} and {@code lastError} are from the latest attempt that got them.
 */
@MappedEntity("webhook_delivery")
public record Delivery(
        @Id @GeneratedValue Long id,
        long webhookId,
        WebhookEventType event,
        String payload,
        DeliveryStatus status,
        int attempts,
        @Nullable Integer statusCode,
        @Nullable String lastError,
        String jobId,
        Instant creationDate,
        @Nullable Instant lastAttemptDate,
        @Nullable Instant completedDate) {
}
