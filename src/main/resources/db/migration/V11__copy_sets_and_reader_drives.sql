-- Copies made by duplication and rehydratation, and runs holding two drives at once. One script for MariaDB and H2.

-- A copy of a file that spans cartridges is several rows; they share copy_set (the run that wrote them), so a
-- restore reads one whole copy and never mixes the parts of two copies split at different places.
-- NULL: a copy written before copy sets existed (one per file then).
ALTER TABLE catalog_copy ADD COLUMN copy_set BIGINT;

-- A run that copies tape to tape also holds a drive reading a given cartridge (possibly in another library);
-- both drives are granted in one pass or neither, so two such runs never hold one drive each and wait forever.
ALTER TABLE drive_request ADD COLUMN read_library_id BIGINT;
ALTER TABLE drive_request ADD COLUMN read_tape_id BIGINT;
ALTER TABLE drive_request ADD COLUMN read_drive_id BIGINT;
CREATE INDEX ix_drive_request_reader ON drive_request (read_library_id, drive_id);
