-- One script for MariaDB and for H2 in MODE=MariaDB. Sizes are BIGINT bytes, times UTC DATETIME(6).

CREATE TABLE app_user (
    id                    BIGINT AUTO_INCREMENT PRIMARY KEY,
    username              VARCHAR(100) NOT NULL,
    password_hash         VARCHAR(100) NOT NULL,
    role                  VARCHAR(16)  NOT NULL,
    creation_date         DATETIME(6)  NOT NULL,
    modification_date     DATETIME(6)  NOT NULL,
    creation_username     VARCHAR(100) NOT NULL,
    modification_username VARCHAR(100) NOT NULL,
    CONSTRAINT uq_app_user_username UNIQUE (username)
);

CREATE TABLE api_key (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id           BIGINT        NOT NULL,
    name              VARCHAR(255)  NOT NULL,
    key_hash          CHAR(64)      NOT NULL,
    key_last4         CHAR(4)       NOT NULL,
    scopes            VARCHAR(4000) NOT NULL,
    expires_at        DATETIME(6),
    last_used_at      DATETIME(6),
    creation_date     DATETIME(6)   NOT NULL,
    modification_date DATETIME(6)   NOT NULL,
    CONSTRAINT uq_api_key_hash UNIQUE (key_hash),
    CONSTRAINT fk_api_key_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
);
CREATE INDEX ix_api_key_user ON api_key (user_id, id);

CREATE TABLE task (
    id                    BIGINT AUTO_INCREMENT PRIMARY KEY,
    owner_id              BIGINT        NOT NULL,
    name                  VARCHAR(255)  NOT NULL,
    comment               VARCHAR(4000),
    workflow_type         VARCHAR(32)   NOT NULL,
    workflow_action       VARCHAR(32)   NOT NULL,
    source_type           VARCHAR(32),
    destination_type      VARCHAR(32),
    priority              INT           NOT NULL,
    conflict_resolution   VARCHAR(16)   NOT NULL,
    action                VARCHAR(16)   NOT NULL,
    activate              BOOLEAN       NOT NULL,
    status                VARCHAR(32)   NOT NULL,
    progress              INT           NOT NULL,
    job_started           DATETIME(6),
    job_finished          DATETIME(6),
    processed_size        BIGINT        NOT NULL,
    to_process_size       BIGINT        NOT NULL,
    creation_date         DATETIME(6)   NOT NULL,
    modification_date     DATETIME(6)   NOT NULL,
    creation_username     VARCHAR(100)  NOT NULL,
    modification_username VARCHAR(100)  NOT NULL,
    CONSTRAINT fk_task_owner FOREIGN KEY (owner_id) REFERENCES app_user (id)
);
-- Lists are scoped to the owner unless an admin asks for all=true: each common sort key gets an
-- index with and without the owner in front, the id last so keyset paging reads the index in order.
CREATE INDEX ix_task_owner_id ON task (owner_id, id);
CREATE INDEX ix_task_owner_name ON task (owner_id, name, id);
CREATE INDEX ix_task_owner_priority ON task (owner_id, priority, id);
CREATE INDEX ix_task_owner_status ON task (owner_id, status, id);
CREATE INDEX ix_task_owner_creation ON task (owner_id, creation_date, id);
CREATE INDEX ix_task_owner_workflow ON task (owner_id, workflow_action, workflow_type, id);
CREATE INDEX ix_task_name ON task (name, id);
CREATE INDEX ix_task_priority ON task (priority, id);
CREATE INDEX ix_task_status ON task (status, id);
CREATE INDEX ix_task_creation ON task (creation_date, id);
CREATE INDEX ix_task_modification ON task (modification_date, id);
CREATE INDEX ix_task_workflow ON task (workflow_action, workflow_type, id);
CREATE INDEX ix_task_job_started ON task (job_started, id);
