package io.tapeflow.webhook;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import io.tapeflow.execution.ExecutionEvent;
import io.tapeflow.library.TapeEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Hands run and tape events to the webhooks once the change is committed: all a run pays is a lookup
 * of the subscribers and, for each, a delivery row and a queued job. Sending is the jobs' business, so
 * a slow or dead receiver never holds a run up, and a failure here never fails one.
 */
@Singleton
class WebhookDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookOutbox outbox;
    private final WebhookPayloads payloads;
    private final DeliveryJobs jobs;

    WebhookDispatcher(WebhookOutbox outbox, WebhookPayloads payloads, DeliveryJobs jobs) {
        this.outbox = outbox;
        this.payloads = payloads;
        this.jobs = jobs;
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onExecution(ExecutionEvent event) {
        dispatch(WebhookEventType.of(event.type()), () -> payloads.of(event));
    }

    /** Tape events are published outside any transaction (Micronaut skips transactional listeners then). */
    @EventListener
    void onTape(TapeEvent event) {
        dispatch(WebhookEventType.of(event.type()), () -> payloads.of(event));
    }

    private void dispatch(WebhookEventType event, Supplier<String> payload) {
        try {
            for (WebhookOutbox.Queued queued : outbox.queue(event, payload)) {
                jobs.start(queued.deliveryId(), queued.jobId(), Duration.ZERO);
            }
        } catch (RuntimeException e) {
            LOG.warn("{} not handed to the webhooks: {}", event, e.toString());
        }
    }
}
