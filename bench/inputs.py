#!/usr/bin/env python3
"""Writes the signed inputs of one workload right before it runs (so app-proxy timestamps are inside the
window): W1 webhook bodies with their HMACs, W2 drawer URLs for random customers, W3 return URLs of
delivered orders. Signs exactly as Shopify does (shopify.dev: apps/build/webhooks/subscribe/https,
"Verify the webhook"; apps/build/online-store/app-proxies/authenticate-app-proxies)."""
import base64
import hashlib
import hmac
import json
import random
import sys
import time
from urllib.parse import quote

from seed import SHOP, created_at, customer, delivered, order_id

PREFIX = "/apps/returns-drawer"


def proxy_url(secret, path, customer_id, extra):
    params = dict(extra)
    params.update({"shop": SHOP, "logged_in_customer_id": str(customer_id), "path_prefix": PREFIX,
                   "timestamp": str(int(time.time()))})
    message = "".join(sorted(f"{k}={v}" for k, v in params.items()))
    signature = hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in params.items())
    return f"{path}?{query}&signature={signature}"


def webhooks(secret, fixture, orders, customers, count, out):
    base = json.load(open(fixture))
    for n in range(count):
        i = (n * 7919) % orders          # spread over many orders
        body = dict(base)
        body["id"] = order_id(i)
        body["name"] = f"#{1000 + i}"
        body["cancelled_at"] = None
        body["financial_status"] = "paid"
        body["fulfillment_status"] = "fulfilled"
        body["customer"] = dict(base["customer"], id=customer(i, customers))
        # An update of a stored order carries the time it was placed, as Shopify's do.
        body["created_at"] = created_at(i, orders).strftime("%Y-%m-%dT%H:%M:%S+00:00")
        body["updated_at"] = "2026-11-21T10:00:00-05:00"
        body["fulfillments"] = [{"id": 6_000_000_000_000_000_000 + i, "order_id": order_id(i), "status": "success",
                                 "shipment_status": "delivered", "created_at": "2026-11-18T10:00:00-05:00",
                                 "updated_at": "2026-11-21T10:00:00-05:00", "tracking_company": "UPS",
                                 "tracking_number": "1Z999", "tracking_numbers": ["1Z999"],
                                 "tracking_url": "https://ups.example/1Z999", "tracking_urls": ["https://ups.example/1Z999"]}]
        # Laid out as the fixture is (two-space indent): ~15 KB, the size the targets are set for. Its line breaks
        # travel as ASCII RS (never in JSON text, where control characters are escaped) so that a body stays on one
        # line of the file; webhooks.lua turns them back, so each request carries exactly the body that was signed.
        raw = json.dumps(body, indent=2)
        mac = base64.b64encode(hmac.new(secret.encode(), raw.encode(), hashlib.sha256).digest()).decode()
        out.write(mac + "\t" + raw.replace("\n", "\x1e") + "\n")


def drawer(secret, customers, count, out):
    rnd = random.Random(1)
    for _ in range(count):
        out.write(proxy_url(secret, "/proxy/orders", rnd.randint(1, customers), {"format": "html", "locale": "en"}) + "\n")


def returns(secret, orders, customers, count, out):
    rnd = random.Random(2)
    for _ in range(count):
        i = rnd.randrange(0, orders)
        while not delivered(i):
            i = rnd.randrange(0, orders)
        out.write(proxy_url(secret, f"/proxy/orders/{order_id(i)}/return", customer(i, customers), {}) + "\n")


if __name__ == "__main__":
    kind, secret, orders, customers = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    if kind == "webhooks":
        webhooks(secret, sys.argv[5], orders, customers, 2000, sys.stdout)
    elif kind == "drawer":
        drawer(secret, customers, 20000, sys.stdout)
    elif kind == "returns":
        returns(secret, orders, customers, 20000, sys.stdout)
