-- W1: POST /webhooks, orders/updated, valid HMAC, a unique X-Shopify-Webhook-Id per request.
local bodies, macs, n = {}, {}, 0
local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  prefix = args[1] or "run"
  for line in io.lines(args[2]) do
    local tab = line:find("\t", 1, true)
    table.insert(macs, line:sub(1, tab - 1))
    table.insert(bodies, line:sub(tab + 1))
  end
end
function request()
  n = n + 1
  local k = (n % #bodies) + 1
  return wrk.format("POST", "/webhooks", {
    ["Content-Type"] = "application/json",
    ["X-Shopify-Topic"] = "orders/updated",
    ["X-Shopify-Shop-Domain"] = "bench-shop.myshopify.com",
    ["X-Shopify-API-Version"] = "2026-10",
    ["X-Shopify-Hmac-Sha256"] = macs[k],
    ["X-Shopify-Webhook-Id"] = prefix .. "-" .. tid .. "-" .. n,
  }, bodies[k])
end
