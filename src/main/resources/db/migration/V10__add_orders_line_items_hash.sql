-- SHA-256 of the line items last written, so an order update whose items did not change (the common case)
-- skips rewriting them.
ALTER TABLE orders ADD COLUMN line_items_hash CHAR(64) NULL;
