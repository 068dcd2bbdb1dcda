-- Every index of catalog_file and catalog_copy is written (and, on H2, committed entry by entry) for each archived
-- file: keep only those a query needs.
-- A run reads back the ids it inserted above the table's highest id (primary key), not above its own: no index by run.
ALTER TABLE catalog_file DROP INDEX ix_catalog_file_execution;
-- Date ranges and the per-day statistics use ix_catalog_file_day, which starts with creation_date.
ALTER TABLE catalog_file DROP INDEX ix_catalog_file_creation;
-- One index by tape serves both the physical order (tape file, position) and the usage sums (file, part length).
ALTER TABLE catalog_copy DROP INDEX ix_catalog_copy_tape_usage;
ALTER TABLE catalog_copy DROP INDEX ix_catalog_copy_tape;
CREATE INDEX ix_catalog_copy_tape ON catalog_copy (tape_id, tape_file, position, file_id, part_length);
