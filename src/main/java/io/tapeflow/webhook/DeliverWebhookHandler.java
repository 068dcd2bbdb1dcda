package io.tapeflow.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;

/**
 * One attempt at a delivery. A failed attempt throws, so that JobRunr retries the job after the
 * webhook backoff ({@link WebhookRetryBackoff}); the last one allowed marks the delivery failed. A node
 * makes at most {@code concurrency} attempts at once: past that, the delivery is handed to a job a
 * little later rather than holding a worker that runs need.
 */
@Singleton
public class DeliverWebhookHandler implements JobRequestHandler<DeliverWebhook> {

    /** Counter of failed attempts, by event. */
    static final String FAILURES = "tapeflow.webhook.delivery.failures";
    private static final Logger LOG = LoggerFactory.getLogger(DeliverWebhookHandler.class);
    private static final Duration BUSY_WAIT = Duration.ofSeconds(1);

    private final DeliveryStore deliveries;
    private final WebhookSender sender;
    private final WebhookConfiguration config;
    private final MeterRegistry meters;
    private final DeliveryJobs jobs;
    private final Semaphore sending;

    DeliverWebhookHandler(DeliveryStore deliveries, WebhookSender sender, WebhookConfiguration config, DeliveryJobs jobs,
                          @Nullable MeterRegistry meters) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.config = config;
        this.jobs = jobs;
        this.meters = meters;
        this.sending = new Semaphore(Math.max(1, config.concurrency()));
    }

    @Override
    public void run(DeliverWebhook request) {
        if (!sending.tryAcquire()) {
            UUID next = UUID.randomUUID();
            deliveries.handOver(request.deliveryId(), next.toString());
            jobs.start(request.deliveryId(), next, BUSY_WAIT);
            return;
        }
        try {
            attempt(request);
        } finally {
            sending.release();
        }
    }

    private void attempt(DeliverWebhook request) {
        Optional<DeliveryStore.Attempt> next = deliveries.begin(request.deliveryId());
        if (next.isEmpty()) {
            return;
        }
        DeliveryStore.Attempt attempt = next.get();
        if (!attempt.active()) {
            deliveries.failed(attempt.deliveryId(), null, "not sent: the webhook was deactivated", true);
            return;
        }
        WebhookSender.Outcome outcome = sender.send(attempt);
        if (outcome.delivered()) {
            deliveries.completed(attempt.deliveryId(), outcome.statusCode());
            return;
        }
        boolean last = attempt.attempt() > config.retries();
        deliveries.failed(attempt.deliveryId(), outcome.statusCode(), outcome.error(), last);
        if (meters != null) {
            meters.counter(FAILURES, "event", attempt.event().name()).increment();
        }
        LOG.warn("webhook delivery {} ({}) attempt {} to {} failed{}: {}", attempt.deliveryId(), attempt.event(), attempt.attempt(),
                attempt.url(), last ? ", giving up" : "", outcome.error());
        throw new DeliveryFailed("delivery " + attempt.deliveryId() + " attempt " + attempt.attempt() + ": " + outcome.error());
    }

    /** A failed attempt, thrown for JobRunr to schedule the retry. */
    public static final class DeliveryFailed extends RuntimeException {
        public DeliveryFailed(String message) {
            super(message, null, false, false);
        }
    }
}
