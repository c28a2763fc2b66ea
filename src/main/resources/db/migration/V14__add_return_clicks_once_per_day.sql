-- A click counts once per order, customer and UTC day (docs/behaviour.md, "Return clicks"): a GET any page can
-- trigger must not inflate the chart. The day is derived from clicked_at (stored in UTC); earlier repeats of the
-- same day are folded into the first click.
ALTER TABLE return_clicks ADD COLUMN clicked_on DATE GENERATED ALWAYS AS (CAST(clicked_at AS DATE));
DELETE FROM return_clicks WHERE id NOT IN (
    SELECT keep FROM (SELECT MIN(id) AS keep FROM return_clicks
                      GROUP BY shop_id, customer_id, order_id, clicked_on) AS first_of_day);
ALTER TABLE return_clicks ADD CONSTRAINT uk_return_clicks_once_per_day
    UNIQUE (shop_id, customer_id, order_id, clicked_on);
