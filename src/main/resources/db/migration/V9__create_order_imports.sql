-- Progress of a shop's order import (after install) and of the periodic reconciliation: resumable from
-- the saved cursor after a crash or restart. lease_until: the instance running it holds the lease, so one
-- instance imports a shop at a time; a crashed instance's lease runs out and another resumes.
CREATE TABLE order_imports (
    shop_id        BIGINT       NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    cursor_value   VARCHAR(1024) NULL,
    since          DATETIME(6)  NULL,
    imported_count INT          NOT NULL DEFAULT 0,
    started_at     DATETIME(6)  NULL,
    finished_at    DATETIME(6)  NULL,
    last_synced_at DATETIME(6)  NULL,
    error          VARCHAR(512) NULL,
    lease_until    DATETIME(6)  NULL,
    updated_at     DATETIME(6)  NOT NULL,
    PRIMARY KEY (shop_id),
    CONSTRAINT fk_order_imports_shop FOREIGN KEY (shop_id) REFERENCES shops (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
