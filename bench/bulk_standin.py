#!/usr/bin/env python3
"""A local stand-in for Shopify's side of the first import, for `bench/run.sh --import N`.

  bulk_standin.py generate N FILE   writes N orders as a bulk operation's JSONL result (~3 line items and one
                                    fulfillment each; children after their order, as Shopify writes them)
  bulk_standin.py serve PORT FILE   answers the token endpoint (token exchange), ordersCount, bulkOperationRunQuery,
                                    node(id:) (the operation is COMPLETED at once) and serves FILE as the result,
                                    with range requests. Loopback only.

The file is generated once beforehand and served by copying its bytes, so the stand-in takes as little of the cores as
it can while the app imports."""
import json
import os
import shutil
import sys
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BASE_ORDER_ID = 5_000_000_000_000_000_000
NOW = datetime(2026, 11, 20, 12, 0, 0)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def generate(n, path):
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            oid = BASE_ORDER_ID + i
            gid = f"gid://shopify/Order/{oid}"
            created = NOW - timedelta(minutes=(n - i))
            shipped = created + timedelta(days=1)
            delivered = i % 5 in (0, 1)
            customer = 1 + i % max(1, n // 10)
            items = 2 + i % 3
            order = {
                "id": gid, "legacyResourceId": str(oid), "name": f"#{1000 + i}", "number": 1000 + i,
                "email": f"buyer{customer}@example.com", "createdAt": iso(created), "updatedAt": iso(shipped),
                "cancelledAt": None, "customerLocale": "en", "displayFinancialStatus": "PAID",
                "displayFulfillmentStatus": "FULFILLED",
                "totalPriceSet": {"shopMoney": {"amount": f"{items * 19.5:.2f}", "currencyCode": "EUR"}},
                "customer": {"legacyResourceId": str(customer), "email": f"buyer{customer}@example.com"},
                "shippingAddress": {"zip": str(10000 + i % 89999)}, "billingAddress": None,
                "fulfillments": [{
                    "legacyResourceId": str(BASE_ORDER_ID // 100 + i), "status": "SUCCESS",
                    "displayStatus": "DELIVERED" if delivered else "IN_TRANSIT",
                    "createdAt": iso(shipped), "updatedAt": iso(shipped),
                    "deliveredAt": iso(created + timedelta(days=3)) if delivered else None,
                    "trackingInfo": [{"company": "UPS", "number": f"1Z{i:010d}", "url": None}]}],
            }
            out.write(json.dumps(order, separators=(",", ":")) + "\n")
            for k in range(items):
                out.write(json.dumps({
                    "id": f"gid://shopify/LineItem/{BASE_ORDER_ID // 10 + i * 10 + k}", "title": f"Product {k + i % 50}",
                    "variantTitle": f"Size {k}", "quantity": 1,
                    "originalUnitPriceSet": {"shopMoney": {"amount": "19.50"}},
                    "variant": {"legacyResourceId": str(40000 + (i + k) % 5000)},
                    "product": {"legacyResourceId": str(90000 + (i + k) % 5000)}, "image": None,
                    "__parentId": gid}, separators=(",", ":")) + "\n")


def serve(port, path):
    count = 0
    with open(path, "rb") as f:
        for line in f:
            if b"__parentId" not in line:
                count += 1
    size = os.path.getsize(path)
    operation = {"id": "gid://shopify/BulkOperation/1", "status": "COMPLETED", "errorCode": None,
                 "url": f"http://127.0.0.1:{port}/bulk/result.jsonl", "createdAt": iso(NOW)}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            if self.path.endswith("/admin/oauth/access_token"):
                return self.answer(200, {"access_token": "shpat_bench", "scope": "read_orders,read_returns,write_app_proxy",
                                         "expires_in": 86400, "refresh_token": "shprt_bench",
                                         "refresh_token_expires_in": 7776000})
            query = body.get("query", "")
            if "ordersCount" in query:
                return self.answer(200, {"data": {"ordersCount": {"count": count, "precision": "EXACT"}}})
            if "bulkOperationRunQuery" in query:
                return self.answer(200, {"data": {"bulkOperationRunQuery": {"bulkOperation": operation, "userErrors": []}}})
            if "currentBulkOperation" in query:
                return self.answer(200, {"data": {"currentBulkOperation": operation}})
            if "ReturnsDrawerBulkFind" in query:
                return self.answer(200, {"data": {"node": operation}})
            return self.answer(200, {"data": {"orders": {"pageInfo": {"hasNextPage": False, "endCursor": None}, "nodes": []}}})

        def do_GET(self):
            if not self.path.startswith("/bulk/"):
                return self.answer(404, {"errors": "Not Found"})
            start = 0
            rng = self.headers.get("Range")
            if rng and rng.startswith("bytes="):
                start = int(rng[6:].split("-")[0])
            self.send_response(206 if start else 200)
            self.send_header("Content-Type", "application/jsonl")
            self.send_header("Content-Length", str(size - start))
            self.end_headers()
            with open(path, "rb") as f:
                f.seek(start)
                shutil.copyfileobj(f, self.wfile, 1 << 20)

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(int(sys.argv[2]), sys.argv[3])
    else:
        serve(int(sys.argv[2]), sys.argv[3])
