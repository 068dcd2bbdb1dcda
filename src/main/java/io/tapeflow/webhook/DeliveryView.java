package io.tapeflow.webhook;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A delivery as the API shows it: {@code payload} is the JSON body sent (as text, byte for byte what
 * was signed), {@code status_code} the answer to the latest attempt, null when it got none (no connection, a timeout).
 */
@Serdeable
public record DeliveryView(long id, long webhookId, WebhookEventType event, DeliveryStatus status, int attempts,
                           Integer statusCode, String lastError, String jobId, Instant creationDate,
                           Instant lastAttemptDate, Instant completedDate, String payload) {

    static DeliveryView of(Delivery d) {
        return new DeliveryView(d.id(), d.webhookId(), d.event(), d.status(), d.attempts(), d.statusCode(), d.lastError(),
                d.jobId(), d.creationDate(), d.lastAttemptDate(), d.completedDate(), d.payload());
    }
}
