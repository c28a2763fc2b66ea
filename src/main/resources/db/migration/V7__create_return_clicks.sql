-- One row per "Start a return" click that was redirected to the provider.
CREATE TABLE return_clicks (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    shop_id     BIGINT      NOT NULL,
    order_id    BIGINT      NOT NULL,
    customer_id BIGINT      NOT NULL,
    provider    VARCHAR(16) NOT NULL,
    clicked_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_return_clicks_shop FOREIGN KEY (shop_id) REFERENCES shops (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_return_clicks_shop_time ON return_clicks (shop_id, clicked_at);
CREATE INDEX ix_return_clicks_customer ON return_clicks (shop_id, customer_id);
