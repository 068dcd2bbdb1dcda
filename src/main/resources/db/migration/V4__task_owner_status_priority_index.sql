-- A user's "status in (...) and priority >= n" page, counted from the index alone (bench/api-list.sh).
CREATE INDEX ix_task_owner_status_priority ON task (owner_id, status, priority, id);
