-- The drawer's list, stored in the order it is read: one row per listable order (a customer's, not deleted),
-- clustered by (shop, customer, newest first), so that a page is one range read of adjacent rows instead of a
-- lookup per order scattered over `orders`. It holds only what the list shows (no email, zip or locale).
-- `orders` stays the source of truth: every write to an order copies the row here in the same transaction
-- (OrderWriter), and a deletion or redaction removes it there too. listed_at is created_at, or the lowest time
-- when an order has none, so that such orders sort last as they did in `orders`.
CREATE TABLE drawer_orders (
    shop_id            BIGINT        NOT NULL,
    customer_id        BIGINT        NOT NULL,
    listed_at          DATETIME(6)   NOT NULL,
    order_id           BIGINT        NOT NULL,
    order_pk           BIGINT        NOT NULL,
    name               VARCHAR(128)  NULL,
    order_number       BIGINT        NULL,
    created_at         DATETIME(6)   NULL,
    display_status     VARCHAR(32)   NOT NULL,
    financial_status   VARCHAR(32)   NULL,
    fulfillment_status VARCHAR(32)   NULL,
    cancelled_at       DATETIME(6)   NULL,
    total_price        VARCHAR(32)   NULL,
    currency           VARCHAR(8)    NULL,
    item_count         INT           NOT NULL,
    image_url          VARCHAR(2048) NULL,
    fulfilled_at       DATETIME(6)   NULL,
    delivered_at       DATETIME(6)   NULL,
    PRIMARY KEY (shop_id, customer_id, listed_at, order_id),
    CONSTRAINT uk_drawer_orders_order UNIQUE (order_pk),
    CONSTRAINT fk_drawer_orders_order FOREIGN KEY (order_pk) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO drawer_orders (shop_id, customer_id, listed_at, order_id, order_pk, name, order_number, created_at,
    display_status, financial_status, fulfillment_status, cancelled_at, total_price, currency, item_count, image_url,
    fulfilled_at, delivered_at)
SELECT shop_id, customer_id, COALESCE(created_at, TIMESTAMP '1000-01-01 00:00:00'), order_id, id, name, order_number,
    created_at, display_status, financial_status, fulfillment_status, cancelled_at, total_price, currency, item_count,
    image_url, fulfilled_at, delivered_at
FROM orders WHERE customer_id IS NOT NULL AND deleted_at IS NULL;
