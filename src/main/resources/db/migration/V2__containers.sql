-- Containers: named directories Tapeflow reads from and writes to. One script for MariaDB and for
-- H2 in MODE=MariaDB. Sizes are BIGINT bytes, times UTC DATETIME(6).

CREATE TABLE container (
    id                    BIGINT AUTO_INCREMENT PRIMARY KEY,
    name                  VARCHAR(255)  NOT NULL,
    comment               VARCHAR(4000),
    type                  VARCHAR(16)   NOT NULL,
    -- PATH_MAX on Linux; too long for an index, and nothing looks containers up by path.
    path                  VARCHAR(4096) NOT NULL,
    -- 0 means no quota.
    quota_total_size      BIGINT        NOT NULL,
    stat_total_files      BIGINT        NOT NULL,
    stat_total_size       BIGINT        NOT NULL,
    last_update           DATETIME(6),
    creation_date         DATETIME(6)   NOT NULL,
    modification_date     DATETIME(6)   NOT NULL,
    creation_username     VARCHAR(100)  NOT NULL,
    modification_username VARCHAR(100)  NOT NULL,
    -- Also the index for sorting by name: InnoDB appends the id to every secondary index.
    CONSTRAINT uq_container_name UNIQUE (name)
);
-- Containers are shared (no owner scope); the id last so keyset paging reads the index in order.
CREATE INDEX ix_container_creation ON container (creation_date, id);
CREATE INDEX ix_container_modification ON container (modification_date, id);
CREATE INDEX ix_container_last_update ON container (last_update, id);
CREATE INDEX ix_container_stat_size ON container (stat_total_size, id);
