-- One schedule per task: an iCalendar recurrence (DTSTART + RRULE) or a Unix cron expression.
CREATE TABLE task_schedule (
    id                    BIGINT AUTO_INCREMENT PRIMARY KEY,
    task_id               BIGINT        NOT NULL,
    rrule                 VARCHAR(2000),
    cron                  VARCHAR(255),
    -- the zone a cron expression is read in (an rrule carries its own in DTSTART;TZID)
    time_zone             VARCHAR(64),
    catch_up              BOOLEAN       NOT NULL,
    -- the next occurrence not yet fired; NULL once the rule has none left. Nodes claim a firing by
    -- moving it with "UPDATE ... WHERE id = ? AND next_time = ?": only one of them changes the row.
    next_time             DATETIME(6),
    -- firings that started a run; skipped ones (the task still ran) and missed ones (no node was up)
    done                  BIGINT        NOT NULL DEFAULT 0,
    skipped_count         BIGINT        NOT NULL DEFAULT 0,
    missed_count          BIGINT        NOT NULL DEFAULT 0,
    missed_first          DATETIME(6),
    missed_last           DATETIME(6),
    creation_date         DATETIME(6)   NOT NULL,
    modification_date     DATETIME(6)   NOT NULL,
    creation_username     VARCHAR(100)  NOT NULL,
    modification_username VARCHAR(100)  NOT NULL,
    CONSTRAINT uq_task_schedule_task UNIQUE (task_id),
    CONSTRAINT fk_task_schedule_task FOREIGN KEY (task_id) REFERENCES task (id) ON DELETE CASCADE
);
-- every node's ticker asks each second for the schedules due
CREATE INDEX ix_task_schedule_next ON task_schedule (next_time, id);
