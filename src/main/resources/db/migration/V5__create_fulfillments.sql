-- Fulfillments of an order. Last writer wins by the fulfillment's own updated_at; delivered_at is the
-- updated_at of the first payload that showed it delivered (it starts the return window) and is kept.
CREATE TABLE fulfillments (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    order_pk           BIGINT        NOT NULL,
    fulfillment_id     BIGINT        NOT NULL,
    status             VARCHAR(32)   NULL,
    shipment_status    VARCHAR(32)   NULL,
    tracking           TEXT          NULL,
    created_at         DATETIME(6)   NULL,
    shopify_updated_at DATETIME(6)   NULL,
    delivered_at       DATETIME(6)   NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_fulfillments_order_fulfillment UNIQUE (order_pk, fulfillment_id),
    CONSTRAINT fk_fulfillments_order FOREIGN KEY (order_pk) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
