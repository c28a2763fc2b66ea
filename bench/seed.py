#!/usr/bin/env python3
"""Bulk-seeds the benchmark shop as SQL on stdout (pipe into mysql): one shop with Loop returns on,
N orders over C customers, ~3 line items and one fulfillment each, ~40% delivered. Deterministic, so the
input generator can find customers and their delivered orders without asking the database."""
import sys
from datetime import datetime, timedelta

SHOP = "bench-shop.myshopify.com"
BASE_ORDER_ID = 7_000_000_000_000_000_000   # above 2^53, as real Shopify ids are
NOW = datetime(2026, 11, 20, 12, 0, 0)


def order_id(i):
    return BASE_ORDER_ID + i


def customer(i, customers):
    return 1 + (i % customers)


def created_at(i, orders):
    """When order i was placed (UTC): every 5 minutes, the last one just before NOW."""
    return NOW - timedelta(minutes=(orders - i) * 5)


def delivered(i):
    return i % 5 in (0, 1)


def main():
    orders = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    customers = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    out = sys.stdout
    ts = NOW.strftime("%Y-%m-%d %H:%M:%S")
    out.write("SET autocommit=0; SET unique_checks=0; SET foreign_key_checks=0;\n")
    out.write(f"INSERT INTO shops (id, domain, installed, installed_at, created_at, updated_at) VALUES (1, '{SHOP}', TRUE, '{ts}', '{ts}', '{ts}');\n")
    out.write("INSERT INTO settings (shop_id, provider, portal_url, enabled, return_trigger, support_email, updated_at) "
              f"VALUES (1, 'loop', 'https://bench.loopreturns.com/#/', TRUE, 'delivered', 'help@bench.example', '{ts}');\n")
    batch = 1000
    for start in range(0, orders, batch):
        o_rows, li_rows, f_rows = [], [], []
        for i in range(start, min(orders, start + batch)):
            pk = i + 1
            created = created_at(i, orders)
            c = created.strftime("%Y-%m-%d %H:%M:%S")
            shipped = (created + timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
            d = delivered(i)
            deliv = (created + timedelta(days=3)).strftime("%Y-%m-%d %H:%M:%S") if d else None
            status = "delivered" if d else "in_transit"
            items = 2 + (i % 3)
            o_rows.append(f"({pk},1,{order_id(i)},{customer(i, customers)},'#{1000 + i}',{1000 + i},'buyer{customer(i, customers)}@example.com',"
                          f"'{10000 + i % 89999}','en','paid','fulfilled','{items * 19.5:.2f}','EUR',{items},NULL,'{status}','{shipped}',"
                          f"{'NULL' if deliv is None else repr(deliv)},NULL,'{c}','{shipped}',NULL,'{ts}')")
            for k in range(items):
                li_rows.append(f"({pk},{BASE_ORDER_ID // 10 + i * 10 + k},{k},'Product {k + i % 50}','Size {k}',1,'19.50',{40000 + (i + k) % 5000},{90000 + (i + k) % 5000},NULL)")
            f_rows.append(f"({pk},{BASE_ORDER_ID // 100 + i},'success','{status}','[{{\"company\":\"UPS\",\"number\":\"1Z{i:010d}\",\"url\":null}}]',"
                          f"'{shipped}','{shipped}',{'NULL' if deliv is None else repr(deliv)})")
        out.write("INSERT INTO orders (id, shop_id, order_id, customer_id, name, order_number, email, zip, locale, financial_status, "
                  "fulfillment_status, total_price, currency, item_count, image_url, display_status, fulfilled_at, delivered_at, "
                  "cancelled_at, created_at, shopify_updated_at, deleted_at, synced_at) VALUES " + ",".join(o_rows) + ";\n")
        out.write("INSERT INTO order_line_items (order_pk, line_item_id, position, title, variant_title, quantity, price, "
                  "variant_id, product_id, image_url) VALUES " + ",".join(li_rows) + ";\n")
        out.write("INSERT INTO fulfillments (order_pk, fulfillment_id, status, shipment_status, tracking, created_at, "
                  "shopify_updated_at, delivered_at) VALUES " + ",".join(f_rows) + ";\n")
        if start % 50_000 == 0:
            out.write("COMMIT;\n")
    # The drawer's list (V11) is a copy of the listable orders; the app keeps it in step with every write, and a bulk
    # load fills it the way the migration does.
    out.write("COMMIT; INSERT INTO drawer_orders (shop_id, customer_id, listed_at, order_id, order_pk, name, order_number, "
              "created_at, display_status, financial_status, fulfillment_status, cancelled_at, total_price, currency, "
              "item_count, image_url, fulfilled_at, delivered_at) SELECT shop_id, customer_id, "
              "COALESCE(created_at, TIMESTAMP '1000-01-01 00:00:00'), order_id, id, name, order_number, created_at, "
              "display_status, financial_status, fulfillment_status, cancelled_at, total_price, currency, item_count, "
              "image_url, fulfilled_at, delivered_at FROM orders WHERE customer_id IS NOT NULL AND deleted_at IS NULL;\n")
    out.write("COMMIT; SET unique_checks=1; SET foreign_key_checks=1;"
              " ANALYZE TABLE orders, order_line_items, fulfillments, drawer_orders;\n")


if __name__ == "__main__":
    main()
