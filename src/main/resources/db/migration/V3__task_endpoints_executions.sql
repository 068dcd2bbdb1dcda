-- Where a task reads and writes, its options, its runs and their logs.

CREATE TABLE task_source (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    task_id      BIGINT        NOT NULL,
    container_id BIGINT        NOT NULL,
    file_path    VARCHAR(4000) NOT NULL,
    CONSTRAINT fk_task_source_task FOREIGN KEY (task_id) REFERENCES task (id) ON DELETE CASCADE,
    CONSTRAINT fk_task_source_container FOREIGN KEY (container_id) REFERENCES container (id)
);
CREATE INDEX ix_task_source_task ON task_source (task_id, id);

CREATE TABLE task_destination (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    task_id      BIGINT        NOT NULL,
    container_id BIGINT        NOT NULL,
    folder_path  VARCHAR(4000) NOT NULL,
    CONSTRAINT fk_task_destination_task FOREIGN KEY (task_id) REFERENCES task (id) ON DELETE CASCADE,
    CONSTRAINT fk_task_destination_container FOREIGN KEY (container_id) REFERENCES container (id)
);
CREATE INDEX ix_task_destination_task ON task_destination (task_id, id);

CREATE TABLE task_option (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    task_id      BIGINT        NOT NULL,
    type         VARCHAR(32)   NOT NULL,
    option_value VARCHAR(1000) NOT NULL,
    CONSTRAINT uq_task_option UNIQUE (task_id, type),
    CONSTRAINT fk_task_option_task FOREIGN KEY (task_id) REFERENCES task (id) ON DELETE CASCADE
);

-- Executions outlive their task (history), so task_id carries no foreign key.
CREATE TABLE task_execution (
    id                 BIGINT AUTO_INCREMENT PRIMARY KEY,
    task_id            BIGINT        NOT NULL,
    owner_id           BIGINT        NOT NULL,
    name               VARCHAR(255)  NOT NULL,
    workflow_type      VARCHAR(32)   NOT NULL,
    workflow_action    VARCHAR(32)   NOT NULL,
    source_type        VARCHAR(32),
    destination_type   VARCHAR(32),
    status             VARCHAR(32)   NOT NULL,
    status_text        VARCHAR(1000),
    -- what the owner asked the runner to do next: none, pause or stop
    control            VARCHAR(16)   NOT NULL,
    job_id             CHAR(36)      NOT NULL,
    log_time           DATETIME(6),
    job_started        DATETIME(6),
    job_finished       DATETIME(6),
    to_process_size    BIGINT        NOT NULL,
    processed_size     BIGINT        NOT NULL,
    -- bytes of the file being copied now: shown live, never part of the checkpoint
    in_flight_size     BIGINT        NOT NULL,
    to_process_files   BIGINT        NOT NULL,
    processed_files    BIGINT        NOT NULL,
    finalized_files    BIGINT        NOT NULL,
    skipped_files      BIGINT        NOT NULL,
    failed_files       BIGINT        NOT NULL,
    bandwidth          BIGINT        NOT NULL,
    estimation_time    BIGINT,
    progress           INT           NOT NULL,
    planned            BOOLEAN       NOT NULL,
    -- the checkpoint: every file of sources before checkpoint_source, and of that source up to and
    -- including checkpoint_path in walk order, is done
    checkpoint_source  INT           NOT NULL,
    checkpoint_path    VARCHAR(4000),
    -- a job copied files past the checkpoint and did not hand over cleanly (it died, or was paused
    -- with several files in flight): the next job first recognises copies that are already there
    files_past_checkpoint BOOLEAN    NOT NULL,
    -- jobs of this run that failed in a row (database down, a bug): past a limit the run ends in error
    job_failures       INT           NOT NULL DEFAULT 0,
    creation_date      DATETIME(6)   NOT NULL,
    modification_date  DATETIME(6)   NOT NULL
);
CREATE INDEX ix_task_execution_task ON task_execution (task_id, id);
CREATE INDEX ix_task_execution_owner ON task_execution (owner_id, id);
CREATE INDEX ix_task_execution_status ON task_execution (status, id);
CREATE INDEX ix_task_execution_job ON task_execution (job_id);

CREATE TABLE task_execution_log (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    execution_id BIGINT        NOT NULL,
    log_time     DATETIME(6)   NOT NULL,
    level        VARCHAR(8)    NOT NULL,
    path         VARCHAR(4000),
    message      VARCHAR(2000) NOT NULL,
    CONSTRAINT fk_task_execution_log FOREIGN KEY (execution_id) REFERENCES task_execution (id) ON DELETE CASCADE
);
CREATE INDEX ix_task_execution_log ON task_execution_log (execution_id, id);

-- Each action request (run, pause, stop, resume) and the execution it acts on, by job id.
CREATE TABLE task_action_job (
    job_id        CHAR(36)    PRIMARY KEY,
    task_id       BIGINT      NOT NULL,
    execution_id  BIGINT      NOT NULL,
    action        VARCHAR(16) NOT NULL,
    creation_date DATETIME(6) NOT NULL
);
CREATE INDEX ix_task_action_job_task ON task_action_job (task_id, creation_date);

-- Tapeflow's own extension: bytes per second a run may move (NULL = unlimited), to spare a busy NAS.
ALTER TABLE task ADD COLUMN bandwidth_limit BIGINT;
-- An erase task deletes its source files: it runs only once its owner has set this explicitly.
ALTER TABLE task ADD COLUMN confirm_erase BOOLEAN NOT NULL DEFAULT FALSE;
