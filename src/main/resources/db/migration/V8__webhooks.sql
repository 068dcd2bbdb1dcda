-- Webhooks: URLs told about runs and tape trouble, and each delivery's attempts. One script for
-- MariaDB and H2 in MODE=MariaDB.

CREATE TABLE webhook (
    id                    BIGINT AUTO_INCREMENT PRIMARY KEY,
    url                   VARCHAR(2000) NOT NULL,
    -- the HMAC key deliveries are signed with; kept as given (signing needs it), never shown by the API
    secret                VARCHAR(255)  NOT NULL,
    active                BOOLEAN       NOT NULL,
    creation_date         DATETIME(6)   NOT NULL,
    modification_date     DATETIME(6)   NOT NULL,
    creation_username     VARCHAR(100)  NOT NULL,
    modification_username VARCHAR(100)  NOT NULL
);
CREATE INDEX ix_webhook_creation ON webhook (creation_date, id);

-- The events a webhook subscribes to, one row each: a run looks up the subscribers of one event.
CREATE TABLE webhook_event (
    webhook_id BIGINT      NOT NULL,
    event      VARCHAR(32) NOT NULL,
    PRIMARY KEY (webhook_id, event),
    CONSTRAINT fk_webhook_event_webhook FOREIGN KEY (webhook_id) REFERENCES webhook (id) ON DELETE CASCADE
);
CREATE INDEX ix_webhook_event_event ON webhook_event (event, webhook_id);

-- One event sent to one webhook: the body is fixed when the event happens, so every retry sends (and
-- signs) the same bytes. status: queued | working | completed | failed (the job statuses).
CREATE TABLE webhook_delivery (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    webhook_id        BIGINT        NOT NULL,
    event             VARCHAR(32)   NOT NULL,
    payload           TEXT          NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    attempts          INT           NOT NULL,
    status_code       INT,
    last_error        VARCHAR(2000),
    job_id            CHAR(36)      NOT NULL,
    creation_date     DATETIME(6)   NOT NULL,
    last_attempt_date DATETIME(6),
    completed_date    DATETIME(6),
    CONSTRAINT fk_webhook_delivery_webhook FOREIGN KEY (webhook_id) REFERENCES webhook (id) ON DELETE CASCADE
);
CREATE INDEX ix_webhook_delivery_webhook ON webhook_delivery (webhook_id, id);
-- the deliveries gauge counts from this index
CREATE INDEX ix_webhook_delivery_status ON webhook_delivery (status, id);
-- the daily prune of old deliveries finds them by age
CREATE INDEX ix_webhook_delivery_creation ON webhook_delivery (creation_date, id);
