package io.tapeflow.job;

import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.RetryFilter;
import org.jobrunr.jobs.states.FailedState;

import java.util.List;

/**
 * JobRunr's retry filter (it replaces the default one) with a per-handler backoff: jobs whose handler
 * has a {@link RetryBackoff} wait what it says; every other job keeps JobRunr's exponential default.
 */
final class BackoffRetryFilter extends RetryFilter {

    private final List<RetryBackoff> backoffs;

    BackoffRetryFilter(List<RetryBackoff> backoffs) {
        this.backoffs = List.copyOf(backoffs);
    }

    @Override
    protected long getSecondsToAdd(Job job) {
        String handler = job.getJobDetails().getClassName();
        for (RetryBackoff backoff : backoffs) {
            if (backoff.handler().getName().equals(handler)) {
                int failures = (int) job.getJobStatesOfType(FailedState.class).count();
                return backoff.delay(failures).toSeconds();
            }
        }
        return super.getSecondsToAdd(job);
    }
}
