-- The audit log: one row per mutation, written in the transaction of the change. No foreign keys:
-- the row outlives the user, key or resource it names.
CREATE TABLE audit_log (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    creation_date  DATETIME(6)  NOT NULL,
    username       VARCHAR(100) NOT NULL,
    api_key_id     BIGINT,
    client_address VARCHAR(255),
    resource       VARCHAR(64)  NOT NULL,
    resource_id    BIGINT,
    action         VARCHAR(32)  NOT NULL,
    changes        LONGTEXT     NOT NULL
);
-- The usual questions: what happened lately, to this resource, by this user or key (id last for keyset paging).
CREATE INDEX ix_audit_log_date ON audit_log (creation_date, id);
CREATE INDEX ix_audit_log_resource ON audit_log (resource, resource_id, id);
CREATE INDEX ix_audit_log_username ON audit_log (username, id);
CREATE INDEX ix_audit_log_api_key ON audit_log (api_key_id, id);
