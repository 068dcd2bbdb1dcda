-- Catalog lookups by path, and the plan of a restore. One script for MariaDB and H2 in MODE=MariaDB.

-- catalog_file.path (VARCHAR(4000)) is too long for a MariaDB key (3072 bytes in utf8mb4): its first 700
-- characters (2800 bytes) are, as a generated column both databases index. Queries narrow by
-- path_key LIKE <escaped prefix, cut to 700 characters>% and then check path itself (see PathKey).
ALTER TABLE catalog_file ADD COLUMN path_key VARCHAR(700) GENERATED ALWAYS AS (LEFT(path, 700));
CREATE INDEX ix_catalog_file_path_key ON catalog_file (path_key);

-- What a restore reads, planned once per execution from all its sources: one row per part of the copy
-- chosen for each file, the file once even when two sources name it (the first of them gives its target).
-- The run reads the rows in physical order (tape, tape file, entry) from its checkpoint on.
CREATE TABLE restore_item (
    execution_id BIGINT NOT NULL,
    file_id      BIGINT NOT NULL,
    part_offset  BIGINT NOT NULL,
    part_length  BIGINT NOT NULL,
    -- the task source that named the file: its target path is relative to that source's parent
    source_index INT    NOT NULL,
    tape_id      BIGINT NOT NULL,
    tape_file    INT    NOT NULL,
    position     INT    NOT NULL,
    PRIMARY KEY (execution_id, file_id, part_offset),
    CONSTRAINT fk_restore_item_execution FOREIGN KEY (execution_id) REFERENCES task_execution (id) ON DELETE CASCADE
);
CREATE INDEX ix_restore_item_order ON restore_item (execution_id, tape_id, tape_file, position);
