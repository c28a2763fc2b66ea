-- The first import runs as a Shopify bulk operation (docs/behaviour.md, "First import"): which kind of import the
-- row holds, the operation's id, the byte position in its result file up to which orders are written (a restart
-- continues there), the total Shopify counted at the start, and the owner of the lease, so that an instance whose
-- lease ran out can no longer write a batch.
ALTER TABLE order_imports ADD COLUMN kind VARCHAR(8) NOT NULL DEFAULT 'paged';
ALTER TABLE order_imports ADD COLUMN bulk_operation_id VARCHAR(255) NULL;
ALTER TABLE order_imports ADD COLUMN file_position BIGINT NOT NULL DEFAULT 0;
ALTER TABLE order_imports ADD COLUMN total_count INT NULL;
ALTER TABLE order_imports ADD COLUMN lease_owner VARCHAR(64) NULL;
