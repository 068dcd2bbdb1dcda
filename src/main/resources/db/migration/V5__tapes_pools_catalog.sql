-- Tape libraries with their drives and cartridges, pools, the catalog of archived files, and the
-- drive queue. One script for MariaDB and H2 in MODE=MariaDB.

CREATE TABLE tape_library (
    id                    BIGINT AUTO_INCREMENT PRIMARY KEY,
    name                  VARCHAR(255)  NOT NULL,
    comment               VARCHAR(4000),
    protocol              VARCHAR(16)   NOT NULL,
    -- virtual: the library's directory; scsi: the changer's generic SCSI device (/dev/sgN)
    device                VARCHAR(4096) NOT NULL,
    serial                VARCHAR(255),
    vendor                VARCHAR(255),
    product               VARCHAR(255),
    storage_slots         INT           NOT NULL,
    io_slots              INT           NOT NULL,
    status                VARCHAR(16)   NOT NULL,
    creation_date         DATETIME(6)   NOT NULL,
    modification_date     DATETIME(6)   NOT NULL,
    creation_username     VARCHAR(100)  NOT NULL,
    modification_username VARCHAR(100)  NOT NULL,
    CONSTRAINT uq_tape_library_name UNIQUE (name)
);

CREATE TABLE tape_drive (
    id                        BIGINT AUTO_INCREMENT PRIMARY KEY,
    tape_library_id           BIGINT        NOT NULL,
    -- the drive's element number in its library (mtx numbering, from 0)
    number                    INT           NOT NULL,
    name                      VARCHAR(255)  NOT NULL,
    serial                    VARCHAR(255),
    -- scsi: the drive's non-rewinding device (/dev/nstN)
    device                    VARCHAR(4096),
    status                    VARCHAR(16)   NOT NULL,
    -- the cartridge loaded now, NULL when empty
    barcode                   VARCHAR(32),
    -- the run holding the drive (the allocator's lease); NULL when free
    execution_id              BIGINT,
    task_id                   BIGINT,
    mount_count               BIGINT        NOT NULL,
    use_file_name_processed   VARCHAR(4000),
    use_file_processed_size   BIGINT,
    use_file_size_to_process  BIGINT,
    bandwidth                 BIGINT        NOT NULL,
    creation_date             DATETIME(6)   NOT NULL,
    modification_date         DATETIME(6)   NOT NULL,
    CONSTRAINT uq_tape_drive_number UNIQUE (tape_library_id, number),
    CONSTRAINT fk_tape_drive_library FOREIGN KEY (tape_library_id) REFERENCES tape_library (id) ON DELETE CASCADE
);
CREATE INDEX ix_tape_drive_execution ON tape_drive (execution_id);

CREATE TABLE pool (
    id                    BIGINT AUTO_INCREMENT PRIMARY KEY,
    name                  VARCHAR(255)  NOT NULL,
    comment               VARCHAR(4000),
    type                  VARCHAR(32)   NOT NULL,
    content               VARCHAR(16)   NOT NULL,
    creation_date         DATETIME(6)   NOT NULL,
    modification_date     DATETIME(6)   NOT NULL,
    creation_username     VARCHAR(100)  NOT NULL,
    modification_username VARCHAR(100)  NOT NULL,
    CONSTRAINT uq_pool_name UNIQUE (name)
);

-- Members of a nas pool; tapes name their pool themselves (a tape is in at most one pool).
CREATE TABLE pool_container (
    pool_id      BIGINT NOT NULL,
    container_id BIGINT NOT NULL,
    PRIMARY KEY (pool_id, container_id),
    CONSTRAINT fk_pool_container_pool FOREIGN KEY (pool_id) REFERENCES pool (id) ON DELETE CASCADE,
    CONSTRAINT fk_pool_container_container FOREIGN KEY (container_id) REFERENCES container (id) ON DELETE CASCADE
);

CREATE TABLE tape (
    id                    BIGINT AUTO_INCREMENT PRIMARY KEY,
    tape_library_id       BIGINT        NOT NULL,
    pool_id               BIGINT,
    barcode               VARCHAR(32)   NOT NULL,
    -- where the cartridge is: slot, drive or io, and the element number there
    location_kind         VARCHAR(8)    NOT NULL,
    location_number       INT           NOT NULL,
    type                  VARCHAR(16)   NOT NULL,
    locked                BOOLEAN       NOT NULL,
    scratch               BOOLEAN       NOT NULL,
    cleaning              BOOLEAN       NOT NULL,
    write_protect         BOOLEAN       NOT NULL,
    mounted               BOOLEAN       NOT NULL,
    ejected               BOOLEAN       NOT NULL,
    -- Tapeflow's own: the cartridge is known lost or damaged; restores read another copy
    lost                  BOOLEAN       NOT NULL DEFAULT FALSE,
    mount_count           BIGINT        NOT NULL,
    free                  BIGINT        NOT NULL,
    max                   BIGINT        NOT NULL,
    -- tape files written, label included: the number the next tape file gets (0 = blank tape)
    file_count            INT           NOT NULL,
    -- the run using the cartridge now; NULL when none
    execution_id          BIGINT,
    date_in               DATETIME(6),
    last_size_update      DATETIME(6),
    creation_date         DATETIME(6)   NOT NULL,
    modification_date     DATETIME(6)   NOT NULL,
    CONSTRAINT uq_tape_barcode UNIQUE (barcode),
    CONSTRAINT fk_tape_library FOREIGN KEY (tape_library_id) REFERENCES tape_library (id) ON DELETE CASCADE,
    CONSTRAINT fk_tape_pool FOREIGN KEY (pool_id) REFERENCES pool (id) ON DELETE SET NULL
);
CREATE INDEX ix_tape_pool ON tape (pool_id, id);
CREATE INDEX ix_tape_library ON tape (tape_library_id, id);

-- The catalog: one row per archived file version, and one per copy of it.
CREATE TABLE catalog_file (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    path              VARCHAR(4000) NOT NULL,
    size              BIGINT        NOT NULL,
    modification_date DATETIME(6),
    checksum          VARCHAR(128),
    checksum_type     VARCHAR(16)   NOT NULL,
    task_id           BIGINT,
    execution_id      BIGINT,
    creation_date     DATETIME(6)   NOT NULL
);
CREATE INDEX ix_catalog_file_execution ON catalog_file (execution_id, id);
CREATE INDEX ix_catalog_file_creation ON catalog_file (creation_date, id);

CREATE TABLE catalog_copy (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    file_id       BIGINT        NOT NULL,
    tape_id       BIGINT,
    tape_barcode  VARCHAR(32),
    -- tape file number (0 is the label) and the entry's index inside that tape file
    tape_file     INT,
    position      INT,
    -- a file spanning tapes has one copy row per part: its byte range in the file
    part_offset   BIGINT        NOT NULL,
    part_length   BIGINT        NOT NULL,
    container_id  BIGINT,
    path          VARCHAR(4000),
    creation_date DATETIME(6)   NOT NULL,
    CONSTRAINT fk_catalog_copy_file FOREIGN KEY (file_id) REFERENCES catalog_file (id) ON DELETE CASCADE
);
CREATE INDEX ix_catalog_copy_file ON catalog_copy (file_id, part_offset);
CREATE INDEX ix_catalog_copy_tape ON catalog_copy (tape_id, tape_file, position);

-- Runs waiting for (or holding) a drive: the allocator grants free drives by priority, then age.
CREATE TABLE drive_request (
    execution_id    BIGINT      PRIMARY KEY,
    tape_library_id BIGINT      NOT NULL,
    priority        INT         NOT NULL,
    -- a specific cartridge the run needs (restore, format...); NULL for any writable tape of its pool
    tape_id         BIGINT,
    pool_id         BIGINT,
    requested_at    DATETIME(6) NOT NULL,
    drive_id        BIGINT,
    granted_at      DATETIME(6)
);
CREATE INDEX ix_drive_request_queue ON drive_request (tape_library_id, drive_id, priority, requested_at);

-- Sources and destinations may name a pool or a tape instead of a container.
ALTER TABLE task_source MODIFY container_id BIGINT NULL;
ALTER TABLE task_source ADD COLUMN pool_id BIGINT;
ALTER TABLE task_source ADD COLUMN tape_id BIGINT;
ALTER TABLE task_destination MODIFY container_id BIGINT NULL;
ALTER TABLE task_destination ADD COLUMN pool_id BIGINT;
ALTER TABLE task_destination ADD COLUMN tape_id BIGINT;
CREATE INDEX ix_task_source_pool ON task_source (pool_id);
CREATE INDEX ix_task_source_tape ON task_source (tape_id);
CREATE INDEX ix_task_destination_pool ON task_destination (pool_id);
CREATE INDEX ix_task_destination_tape ON task_destination (tape_id);
