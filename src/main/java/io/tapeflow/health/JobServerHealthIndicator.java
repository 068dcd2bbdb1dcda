package io.tapeflow.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.TaskExecutors;
import io.tapeflow.job.JobRunrServer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.jobrunr.server.BackgroundJobServer;

import java.util.Map;
import java.util.concurrent.ExecutorService;

/** Whether this node's JobRunr background server runs: without it the node carries out no run (DOWN). */
@Singleton
class JobServerHealthIndicator extends BlockingHealthIndicator {

    private final JobRunrServer jobs;

    JobServerHealthIndicator(JobRunrServer jobs, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        super(blocking);
        this.jobs = jobs;
    }

    @Override
    String name() {
        return "jobrunr";
    }

    @Override
    HealthResult check() {
        BackgroundJobServer server = jobs.backgroundServer();
        boolean running = server != null && server.isRunning();
        if (!running) {
            return HealthResult.builder(name(), HealthStatus.DOWN)
                    .details(Map.of("background_server", "stopped", "error", "this node carries out no jobs")).build();
        }
        return HealthResult.builder(name(), HealthStatus.UP)
                .details(Map.of("background_server", "running", "master", server.isMaster())).build();
    }
}
