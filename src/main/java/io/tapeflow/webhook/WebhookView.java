package io.tapeflow.webhook;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** A webhook as the API shows it: the secret itself is never shown, only that there is one. */
@Serdeable
public record WebhookView(long id, String url, List<WebhookEventType> events, boolean hasSecret, boolean active,
                          Instant creationDate, Instant modificationDate, String creationUsername, String modificationUsername) {

    static WebhookView of(Webhook webhook, List<WebhookEventType> events) {
        return new WebhookView(webhook.id(), webhook.url(), events, webhook.secret() != null && !webhook.secret().isEmpty(),
                webhook.active(), webhook.creationDate(), webhook.modificationDate(), webhook.creationUsername(),
                webhook.modificationUsername());
    }
}
