-- What redaction needs (docs/behaviour.md, "Compliance"):
-- shop/redact marks the shop at once and a background job erases it in batches; the mark lets the job resume
-- after a restart.
ALTER TABLE shops ADD COLUMN redact_requested_at DATETIME(6) NULL;
CREATE INDEX ix_shops_redact_requested ON shops (redact_requested_at);
-- customers/redact searches the shop's kept bodies (unreadable and unknown-topic deliveries only): with the
-- outcome in the shop index that is a short range, not every delivery of the shop. It replaces the shop index
-- (no reader used its received_at part), so webhook inserts maintain no extra index.
CREATE INDEX ix_webhook_deliveries_shop_outcome ON webhook_deliveries (shop_domain, outcome, received_at);
DROP INDEX ix_webhook_deliveries_shop ON webhook_deliveries;
