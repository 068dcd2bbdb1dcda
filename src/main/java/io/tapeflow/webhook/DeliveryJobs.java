package io.tapeflow.webhook;

import io.tapeflow.job.JobRunrServer;
import jakarta.inject.Singleton;
import org.jobrunr.scheduling.JobBuilder;

import java.time.Duration;
import java.util.UUID;

/**
 * Queues the JobRunr job that makes the next attempt at a delivery, with as many JobRunr retries as
 * webhooks allow (the delivery row, not JobRunr, decides when to give up).
 */
@Singleton
class DeliveryJobs {

    private final JobRunrServer jobs;
    private final WebhookConfiguration config;

    DeliveryJobs(JobRunrServer jobs, WebhookConfiguration config) {
        this.jobs = jobs;
        this.config = config;
    }

    void start(long deliveryId, UUID jobId, Duration delay) {
        JobBuilder job = JobBuilder.aJob()
                .withId(jobId)
                .withName("webhook delivery " + deliveryId)
                .withAmountOfRetries(config.retries())
                .withJobRequest(new DeliverWebhook(deliveryId));
        jobs.scheduler().create(delay.isZero() ? job : job.scheduleIn(delay));
    }
}
