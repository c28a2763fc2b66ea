-- One row per Shopify order, holding what the drawer shows plus a roll-up of its fulfillments
-- (display_status, fulfilled_at, delivered_at) kept in step by every write, so the order list needs no joins.
-- shopify_updated_at is the order's updated_at: older deliveries never overwrite newer state.
-- A row with deleted_at set is a tombstone left by orders/delete, so late deliveries cannot resurrect it.
CREATE TABLE orders (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    shop_id            BIGINT        NOT NULL,
    order_id           BIGINT        NOT NULL,
    customer_id        BIGINT        NULL,
    name               VARCHAR(128)  NULL,
    order_number       BIGINT        NULL,
    email              VARCHAR(320)  NULL,
    zip                VARCHAR(64)   NULL,
    locale             VARCHAR(16)   NULL,
    financial_status   VARCHAR(32)   NULL,
    fulfillment_status VARCHAR(32)   NULL,
    total_price        VARCHAR(32)   NULL,
    currency           VARCHAR(8)    NULL,
    item_count         INT           NOT NULL DEFAULT 0,
    image_url          VARCHAR(2048) NULL,
    display_status     VARCHAR(32)   NOT NULL DEFAULT 'unfulfilled',
    fulfilled_at       DATETIME(6)   NULL,
    delivered_at       DATETIME(6)   NULL,
    cancelled_at       DATETIME(6)   NULL,
    created_at         DATETIME(6)   NULL,
    shopify_updated_at DATETIME(6)   NULL,
    deleted_at         DATETIME(6)   NULL,
    synced_at          DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_orders_shop_order UNIQUE (shop_id, order_id),
    CONSTRAINT fk_orders_shop FOREIGN KEY (shop_id) REFERENCES shops (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The drawer's query: one customer's newest orders in one shop (an index range scan, read backwards).
CREATE INDEX ix_orders_customer ON orders (shop_id, customer_id, created_at, order_id);
