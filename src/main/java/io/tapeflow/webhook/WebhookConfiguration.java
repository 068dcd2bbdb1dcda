package io.tapeflow.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Webhook delivery settings ({@code tapeflow.webhooks.*}).
 *
 * @param retries         retries after a failed attempt before a delivery is given up
 * @param retryBackoff    the wait before the first retry; it doubles with each further one
 * @param maxBackoff      the longest wait between two attempts
 * @param connectTimeout  how long to wait for the receiver's connection
 * @param responseTimeout how long to wait for the receiver's answer
 * @param concurrency     attempts one node makes at once; a delivery over that waits for a later job,
 *                        so hung receivers never take the JobRunr workers that runs need
 * @param keepDeliveries  how long completed and failed deliveries stay listed before the daily prune
 */
@ConfigurationProperties("tapeflow.webhooks")
public record WebhookConfiguration(
        @Bindable(defaultValue = "8") int retries,
        @Bindable(defaultValue = "30s") Duration retryBackoff,
        @Bindable(defaultValue = "1h") Duration maxBackoff,
        @Bindable(defaultValue = "10s") Duration connectTimeout,
        @Bindable(defaultValue = "10s") Duration responseTimeout,
        @Bindable(defaultValue = "4") int concurrency,
        @Bindable(defaultValue = "30d") Duration keepDeliveries) {

    /** The wait before the retry that follows {@code failures} failed attempts. */
    Duration backoff(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration wait = retryBackoff.multipliedBy(1L << doublings);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
