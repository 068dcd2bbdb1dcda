package io.tapeflow.webhook;

import io.tapeflow.job.RetryBackoff;
import jakarta.inject.Singleton;

import java.time.Duration;

/** Webhook deliveries are retried sooner than JobRunr's default backoff: the configured wait, doubling. */
@Singleton
class WebhookRetryBackoff implements RetryBackoff {

    private final WebhookConfiguration config;

    WebhookRetryBackoff(WebhookConfiguration config) {
        this.config = config;
    }

    @Override
    public Class<?> handler() {
        return DeliverWebhookHandler.class;
    }

    @Override
    public Duration delay(int failures) {
        return config.backoff(failures);
    }
}
