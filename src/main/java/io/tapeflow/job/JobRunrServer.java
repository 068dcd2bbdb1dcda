package io.tapeflow.job;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.annotation.PreDestroy;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.configuration.JobRunrConfiguration;
import org.jobrunr.configuration.JobRunrMicroMeterIntegration;
import org.jobrunr.dashboard.JobRunrDashboardWebServerConfiguration;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.JobSteward;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

import javax.sql.DataSource;
import java.util.List;

/**
 * JobRunr core wired into Micronaut (the Micronaut feature stops at JobRunr 7): storage in Tapeflow's
 * own database (MariaDB or H2), a background job server in every node, so nodes share the work through
 * the database, job handlers resolved as Micronaut beans, and the dashboard when enabled. Being a bean
 * that needs the data source, it is stopped before the pool closes. Failed jobs are retried with
 * JobRunr's backoff unless a {@link RetryBackoff} bean times their kind; JobRunr's job counts are
 * published to the meter registry when there is one.
 */
@Context
public class JobRunrServer {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JobRunrServer.class);

    private final StorageProvider storage;
    private final JobRequestScheduler scheduler;
    private final BackgroundJobServer backgroundJobServer;

    public JobRunrServer(DataSource dataSource, DataSourceResolver resolver, ApplicationContext context, JobsConfiguration config,
                         @Value("${tapeflow.admin-password:}") String adminPassword, List<RetryBackoff> backoffs,
                         @Nullable MeterRegistry meters) {
        // JobRunr commits its own connections: give it the pool, not Micronaut's transaction-aware proxy.
        storage = SqlStorageProviderFactory.using(resolver.resolve(dataSource));
        BackgroundJobServerConfiguration server = BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                .andName(NodeName.current())
                .andPollInterval(config.pollInterval());
        if (config.workers() != null) {
            server = server.andWorkerCount(config.workers());
        }
        JobRunrConfiguration jobRunr = JobRunr.configure();
        if (meters != null) {
            jobRunr = jobRunr.useMicroMeter(new JobRunrMicroMeterIntegration(meters));
        }
        scheduler = jobRunr
                .withJobFilter(new BackoffRetryFilter(backoffs))
                .useJsonMapper(new JacksonJsonMapper())
                .useJobActivator(context::getBean)
                .useStorageProvider(storage)
                .useBackgroundJobServer(server)
                .useDashboardIf(config.dashboard(), JobRunrDashboardWebServerConfiguration
                        .usingStandardDashboardConfiguration().andPort(config.dashboardPort())
                        .andBasicAuthentication("admin", dashboardPassword(config, adminPassword))
                        .andAllowAnonymousDataUsage(false))
                .initialize()
                .getJobRequestScheduler();
        backgroundJobServer = JobRunr.getBackgroundJobServer();
    }

    /** The configured password, else the admin's; with neither, a random one logged once. */
    private static String dashboardPassword(JobsConfiguration config, String adminPassword) {
        if (config.dashboardPassword() != null && !config.dashboardPassword().isBlank()) {
            return config.dashboardPassword();
        }
        if (adminPassword != null && !adminPassword.isBlank()) {
            return adminPassword;
        }
        byte[] bytes = new byte[15];
        new java.security.SecureRandom().nextBytes(bytes);
        String generated = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        LOG.warn("JobRunr dashboard (port {}): user 'admin', generated password {} (set TAPEFLOW_JOBS_DASHBOARD_PASSWORD to choose it)",
                config.dashboardPort(), generated);
        return generated;
    }

    public JobRequestScheduler scheduler() {
        return scheduler;
    }

    public StorageProvider storage() {
        return storage;
    }

    /**
     * Lets this node take enqueued jobs at once rather than at its next poll, up to the poll interval (5 s at the
     * least) away: JobRunr looks for new work whenever one of its workers turns idle, so this reports a worker busy
     * and idle again. Other nodes still find the jobs at their own poll; whichever claims a job first runs it.
     */
    public void takeEnqueuedJobsNow() {
        try {
            JobSteward steward = backgroundJobServer.getJobSteward();
            steward.notifyThreadOccupied();
            steward.notifyThreadIdle();
        } catch (RuntimeException e) {
            // why: a courtesy; the jobs are stored and the next poll takes them
            LOG.warn("could not look for enqueued jobs at once: {}", e.toString());
        }
    }

    /** The worker threads of this node's background job server, as configured or as JobRunr chose them. */
    public int workerCount() {
        return backgroundJobServer.getServerStatus().getWorkerPoolSize();
    }

    /** This node's JobRunr worker pool and poller. */
    public BackgroundJobServer backgroundServer() {
        return backgroundJobServer;
    }

    @PreDestroy
    void stop() {
        JobRunr.destroy();
    }
}
