-- Line items, replaced as a whole whenever a newer order payload arrives.
CREATE TABLE order_line_items (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    order_pk      BIGINT        NOT NULL,
    line_item_id  BIGINT        NOT NULL,
    position      INT           NOT NULL,
    title         VARCHAR(512)  NOT NULL,
    variant_title VARCHAR(512)  NULL,
    quantity      INT           NOT NULL,
    price         VARCHAR(32)   NULL,
    variant_id    BIGINT        NULL,
    product_id    BIGINT        NULL,
    image_url     VARCHAR(2048) NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_line_items_order_item UNIQUE (order_pk, line_item_id),
    CONSTRAINT fk_line_items_order FOREIGN KEY (order_pk) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
