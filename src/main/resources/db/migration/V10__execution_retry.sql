-- Retry and housekeeping of executions.

-- A retry is a new execution of the same task that goes through the files another one failed on.
ALTER TABLE task_execution ADD COLUMN retry_of_execution_id BIGINT;
CREATE INDEX ix_task_execution_retry_of ON task_execution (retry_of_execution_id);

-- Every file (or folder, or whole source) a run counted as failed: written in the transaction that
-- commits the counters and checkpoint covering it, so the rows and failed_files always agree. The path
-- is container-relative, so a retry finds the file again even if the task's sources were reordered.
CREATE TABLE execution_failed_file (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    execution_id BIGINT        NOT NULL,
    container_id BIGINT,
    path         VARCHAR(4000) NOT NULL,
    reason       VARCHAR(2000) NOT NULL,
    CONSTRAINT fk_execution_failed_file FOREIGN KEY (execution_id) REFERENCES task_execution (id) ON DELETE CASCADE
);
CREATE INDEX ix_execution_failed_file ON execution_failed_file (execution_id, id);

-- What a retry goes through instead of walking its sources: the failed files of the execution it
-- retries, copied when the retry is requested (so clearing that execution cannot pull the plan from
-- under it) and placed in the task's sources: the source's position and the path below it ('' for
-- the whole source), in the order they failed, which is walk order.
CREATE TABLE execution_retry_file (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    execution_id BIGINT        NOT NULL,
    source_index INT           NOT NULL,
    path         VARCHAR(4000) NOT NULL,
    CONSTRAINT fk_execution_retry_file FOREIGN KEY (execution_id) REFERENCES task_execution (id) ON DELETE CASCADE
);
CREATE INDEX ix_execution_retry_file ON execution_retry_file (execution_id, source_index, id);

-- Clearing an execution takes its action jobs along, as it takes its log.
ALTER TABLE task_action_job ADD CONSTRAINT fk_task_action_job_execution
    FOREIGN KEY (execution_id) REFERENCES task_execution (id) ON DELETE CASCADE;
