package io.tapeflow.webhook;

import org.jobrunr.jobs.lambdas.JobRequest;

/** The daily JobRunr job that forgets deliveries older than {@code tapeflow.webhooks.keep-deliveries}. */
public record PruneDeliveries() implements JobRequest {

    @Override
    public Class<PruneDeliveriesHandler> getJobRequestHandler() {
        return PruneDeliveriesHandler.class;
    }
}
