package io.tapeflow.job;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * JobRunr settings ({@code tapeflow.jobs.*}).
 *
 * @param pollInterval  how often a node looks for enqueued jobs (JobRunr allows no less than 5 s)
 * @param workers       worker threads per node; null = JobRunr's default (based on cores)
 * @param dashboard     whether this node serves JobRunr's dashboard
 * @param dashboardPort the dashboard's port
 * @param dashboardPassword the dashboard's Basic-auth password for user {@code admin} (it can requeue
 *                          and delete jobs, so it is never open); empty: the admin password
 */
@ConfigurationProperties("tapeflow.jobs")
public record JobsConfiguration(
        @Bindable(defaultValue = "5s") Duration pollInterval,
        @Nullable Integer workers,
        @Bindable(defaultValue = "true") boolean dashboard,
        @Bindable(defaultValue = "8000") int dashboardPort,
        @Nullable String dashboardPassword) {
}
