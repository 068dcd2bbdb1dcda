package io.tapeflow.webhook;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Files one delivery per active subscriber of an event, in a transaction of its own: it runs after
 * the commit of the run's transaction, and its rows must be committed before their jobs can start.
 */
@Singleton
class WebhookOutbox {

    private final WebhookService webhooks;
    private final DeliveryStore deliveries;

    WebhookOutbox(WebhookService webhooks, DeliveryStore deliveries) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
    }

    /** A delivery filed, and the id of the job that is to send it. */
    record Queued(long deliveryId, long webhookId, UUID jobId) {
    }

    /** The body is only built when some webhook subscribes to the event. */
    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public List<Queued> queue(WebhookEventType event, Supplier<String> payload) {
        List<Webhook> subscribers = webhooks.subscribers(event);
        if (subscribers.isEmpty()) {
            return List.of();
        }
        String body = payload.get();
        List<Queued> queued = new ArrayList<>();
        for (Webhook webhook : subscribers) {
            UUID job = UUID.randomUUID();
            queued.add(new Queued(deliveries.queue(webhook.id(), event, body, job.toString()), webhook.id(), job));
        }
        return queued;
    }
}
