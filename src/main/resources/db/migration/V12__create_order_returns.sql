-- Shopify returns of an order (returns/* webhooks and the order import). Keyed by the order's Shopify id, not by
-- the order row: a return may arrive before its order and is shown once the order is stored. For one return, the
-- delivery Shopify triggered last wins (triggered_at).
CREATE TABLE order_returns (
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    shop_id      BIGINT      NOT NULL,
    return_id    BIGINT      NOT NULL,
    order_id     BIGINT      NOT NULL,
    status       VARCHAR(16) NOT NULL,
    triggered_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_order_returns_shop_return UNIQUE (shop_id, return_id),
    CONSTRAINT fk_order_returns_shop FOREIGN KEY (shop_id) REFERENCES shops (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_order_returns_order ON order_returns (shop_id, order_id);
