-- GET .../subscription, round robin over the target accounts, with each one's key.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local common = require("common")
local targets = common.load_targets()
local i = 0

request = function()
  i = i + 1
  local t = targets[(i % #targets) + 1]
  return wrk.format("GET", "/v1/accounts/" .. t[1] .. "/subscription",
    { ["Authorization"] = "Bearer " .. t[2] })
end
