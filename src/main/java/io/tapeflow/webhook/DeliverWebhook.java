package io.tapeflow.webhook;

import org.jobrunr.jobs.lambdas.JobRequest;

/** The JobRunr job that makes an attempt at one delivery; JobRunr retries it while attempts fail. */
public record DeliverWebhook(long deliveryId) implements JobRequest {

    @Override
    public Class<DeliverWebhookHandler> getJobRequestHandler() {
        return DeliverWebhookHandler.class;
    }
}
