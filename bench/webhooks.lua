-- W1: POST /webhooks, orders/updated, valid HMAC, a unique X-Shopify-Webhook-Id per request. Each body's request
-- is formatted once, before the run, around a marker; a request is then that text with the marker replaced by
-- the next id (two concatenations), so that wrk spends as little as it can of the two cores it shares.
local heads, tails, n = {}, {}, 0
local threads = {}
local MARK = "@WEBHOOK-ID@"
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  prefix = args[1] or "run"
  for line in io.lines(args[2]) do
    local tab = line:find("\t", 1, true)
    local text = wrk.format("POST", "/webhooks", {
      ["Content-Type"] = "application/json",
      ["X-Shopify-Topic"] = "orders/updated",
      ["X-Shopify-Shop-Domain"] = "bench-shop.myshopify.com",
      ["X-Shopify-API-Version"] = "2026-10",
      ["X-Shopify-Hmac-Sha256"] = line:sub(1, tab - 1),
      ["X-Shopify-Webhook-Id"] = MARK,
    }, (line:sub(tab + 1):gsub("\30", "\n")))   -- the body's line breaks travel as ASCII RS (inputs.py)
    local at = text:find(MARK, 1, true)
    table.insert(heads, text:sub(1, at - 1))
    table.insert(tails, text:sub(at + #MARK))
  end
  prefix = prefix .. "-" .. tid .. "-"
end
function request()
  n = n + 1
  local k = (n % #heads) + 1
  return heads[k] .. prefix .. n .. tails[k]
end
