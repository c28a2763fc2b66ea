-- A short per-shop lease on token refresh: taken and released in their own short transactions, so no row lock
-- is held while the app waits for Shopify's token endpoint (docs/behaviour.md, "Tokens").
ALTER TABLE shops ADD COLUMN token_lease_until DATETIME(6) NULL;
ALTER TABLE shops ADD COLUMN token_lease_owner VARCHAR(64) NULL;
