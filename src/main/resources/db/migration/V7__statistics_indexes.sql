-- Statistics answered from indexes alone (GROUP BY over covering indexes, no table rows read).
-- by_date: finished runs per day, for one owner or for everyone
CREATE INDEX ix_task_execution_finished ON task_execution (job_finished, workflow_action, processed_files, processed_size);
CREATE INDEX ix_task_execution_owner_finished ON task_execution (owner_id, job_finished, workflow_action, processed_files, processed_size);
-- by_date: catalog rows per day
CREATE INDEX ix_catalog_file_day ON catalog_file (creation_date, size, execution_id);
-- storage: files and bytes per tape and per tape pool
CREATE INDEX ix_catalog_copy_tape_usage ON catalog_copy (tape_id, file_id, part_length);
