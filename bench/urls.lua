-- W2/W3: GET the signed app-proxy URLs of a file, in turn.
local urls, n = {}, 0
function init(args)
  for line in io.lines(args[1]) do table.insert(urls, line) end
end
function request()
  n = n + 1
  return wrk.format("GET", urls[(n % #urls) + 1])
end
