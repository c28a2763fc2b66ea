-- GDPR/CCPA requests received through the mandatory compliance webhooks, with the export built for
-- customers/data_request. Kept by shop domain so shop/redact can be recorded even for an unknown shop.
CREATE TABLE compliance_requests (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    shop_domain  VARCHAR(255) NOT NULL,
    kind         VARCHAR(32)  NOT NULL,
    request_ref  VARCHAR(128) NULL,
    customer_id  BIGINT       NULL,
    received_at  DATETIME(6)  NOT NULL,
    completed_at DATETIME(6)  NULL,
    export_json  MEDIUMTEXT   NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_compliance_requests_shop ON compliance_requests (shop_domain, received_at);
