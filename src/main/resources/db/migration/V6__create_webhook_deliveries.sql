-- Every acknowledged webhook delivery, unique by X-Shopify-Webhook-Id: the key that makes redelivery
-- and concurrent duplicates apply once. The body is kept only for deliveries that could not be applied.
CREATE TABLE webhook_deliveries (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    webhook_id   VARCHAR(128) NOT NULL,
    shop_domain  VARCHAR(255) NOT NULL,
    topic        VARCHAR(64)  NOT NULL,
    event_id     VARCHAR(128) NULL,
    api_version  VARCHAR(16)  NULL,
    triggered_at DATETIME(6)  NULL,
    received_at  DATETIME(6)  NOT NULL,
    outcome      VARCHAR(24)  NOT NULL,
    body         MEDIUMBLOB   NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_webhook_deliveries_webhook_id UNIQUE (webhook_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_webhook_deliveries_shop ON webhook_deliveries (shop_domain, received_at);
CREATE INDEX ix_webhook_deliveries_received ON webhook_deliveries (received_at);
