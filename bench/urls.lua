-- W2/W3: GET the signed app-proxy URLs of a file, in turn. Each request is formatted once, before the run, so
-- that wrk (on the same two cores as the app) spends as little as it can per request.
local requests, n = {}, 0
function init(args)
  for line in io.lines(args[1]) do table.insert(requests, wrk.format("GET", line)) end
end
function request()
  n = n + 1
  return requests[(n % #requests) + 1]
end
