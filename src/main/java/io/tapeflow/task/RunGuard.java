package io.tapeflow.task;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.api.ApiException;
import jakarta.inject.Singleton;

/**
 * A task whose run is not finished (queued, running or paused) keeps its definition: the runner reads
 * the sources, destinations and options at every chunk, so an edit mid-run could change what the run
 * does (a copy turned into an erase) or where its checkpoint points.
 */
@Singleton
public class RunGuard {

    private final JdbcOperations jdbc;

    public RunGuard(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws ApiException 409 while the task has an unfinished run */
    @Transactional
    public void requireNoUnfinishedRun(long taskId) {
        boolean unfinished = jdbc.prepareStatement("SELECT 1 FROM task_execution WHERE task_id = ? AND status IN "
                + TaskStatus.sql(TaskStatus.UNFINISHED), statement -> {
            statement.setLong(1, taskId);
            return statement.executeQuery().next();
        });
        if (unfinished) {
            throw ApiException.conflict("task " + taskId + " has a run that is not finished; stop it or let it end before changing the task");
        }
    }
}
