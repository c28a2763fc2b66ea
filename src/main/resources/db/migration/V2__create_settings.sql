-- Per-shop returns settings; one row per shop, written only by the admin API.
CREATE TABLE settings (
    shop_id            BIGINT        NOT NULL,
    provider           VARCHAR(16)   NULL,
    portal_url         VARCHAR(2048) NULL,
    enabled            BOOLEAN       NOT NULL DEFAULT FALSE,
    return_trigger     VARCHAR(16)   NOT NULL DEFAULT 'delivered',
    return_window_days INT           NULL,
    support_email      VARCHAR(320)  NULL,
    support_url        VARCHAR(2048) NULL,
    provider_api_key   VARCHAR(1024) NULL,
    updated_at         DATETIME(6)   NOT NULL,
    PRIMARY KEY (shop_id),
    CONSTRAINT fk_settings_shop FOREIGN KEY (shop_id) REFERENCES shops (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
