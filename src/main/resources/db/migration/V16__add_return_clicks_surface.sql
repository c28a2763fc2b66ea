-- Where the shopper clicked "Start a return" (docs/behaviour.md, "Return clicks"): the storefront drawer or
-- Shopify's customer-account order page. Earlier clicks all came from the drawer.
ALTER TABLE return_clicks ADD COLUMN surface VARCHAR(24) NOT NULL DEFAULT 'drawer';
