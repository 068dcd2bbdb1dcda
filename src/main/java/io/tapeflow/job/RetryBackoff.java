package io.tapeflow.job;

import java.time.Duration;

/**
 * How long JobRunr waits before retrying a failed job of one kind, where its default (3^failures
 * seconds) does not fit. Beans of this type are picked up by {@link JobRunrServer}.
 */
public interface RetryBackoff {

    /** The job request handler whose failed jobs this policy times. */
    Class<?> handler();

    /** The wait before the retry that follows the given number of failures (1 after the first). */
    Duration delay(int failures);
}
