package io.tapeflow.webhook;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.tapeflow.job.JobRunrServer;
import io.tapeflow.persistence.DbTime;
import jakarta.inject.Singleton;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.scheduling.cron.Cron;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the deliveries table from growing forever: every night, deliveries that ended longer ago than
 * {@code keep-deliveries} are forgotten (queued ones never are). Every node schedules the same
 * recurring job at start; JobRunr keeps one.
 */
@Singleton
public class PruneDeliveriesHandler implements JobRequestHandler<PruneDeliveries> {

    static final String RECURRING_ID = "webhook-deliveries-prune";
    private static final Logger LOG = LoggerFactory.getLogger(PruneDeliveriesHandler.class);

    private final DeliveryStore deliveries;
    private final WebhookConfiguration config;
    private final JobRunrServer jobs;

    PruneDeliveriesHandler(DeliveryStore deliveries, WebhookConfiguration config, JobRunrServer jobs) {
        this.deliveries = deliveries;
        this.config = config;
        this.jobs = jobs;
    }

    @EventListener
    void schedule(StartupEvent started) {
        jobs.scheduler().scheduleRecurrently(RECURRING_ID, Cron.daily(3), new PruneDeliveries());
    }

    @Override
    public void run(PruneDeliveries request) {
        int pruned = deliveries.prune(DbTime.now().minus(config.keepDeliveries()));
        if (pruned > 0) {
            LOG.info("forgot {} webhook deliveries older than {}", pruned, config.keepDeliveries());
        }
    }
}
