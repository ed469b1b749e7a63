-- GET .../subscription, round robin over the target accounts, with each one's key.
-- The requests are formatted once, up front: on a 2-core machine every
-- microsecond wrk spends per request is taken from the server it measures.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local common = require("common")
local requests = {}
for n, t in ipairs(common.load_targets()) do
  requests[n] = wrk.format("GET", "/v1/accounts/" .. t[1] .. "/subscription",
    { ["Authorization"] = "Bearer " .. t[2] })
end
local i = 0

request = function()
  i = i % #requests + 1
  return requests[i]
end
