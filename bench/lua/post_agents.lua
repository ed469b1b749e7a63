-- POST .../agents with a new user each time, round robin over the target accounts.
-- Counts 201s and 409s per thread; done() prints the totals for the orchestrator.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local common = require("common")
local threads = {}
local counter = 0
created, refused, other = 0, 0, 0  -- globals: done() reads them with thread:get
local targets = common.load_targets()

setup = function(thread)
  thread:set("tid", #threads + 1)
  threads[#threads + 1] = thread
end

request = function()
  counter = counter + 1
  local t = targets[(counter % #targets) + 1]
  local user = string.format("w%s-%s-%d", os.getenv("BENCH_RUN") or "0", tostring(tid), counter)
  local body = string.format(
    '{"user_id":"%s","email":"%s@bench.example","name":"Bench","products":["sell"]}', user, user)
  return wrk.format("POST", "/v1/accounts/" .. t[1] .. "/agents",
    { ["Authorization"] = "Bearer " .. t[2], ["Content-Type"] = "application/json" }, body)
end

response = function(status, headers, body)
  if status == 201 then created = created + 1
  elseif status == 409 then refused = refused + 1
  else other = other + 1 end
end

done = function(summary, latency, requests)
  local c, r, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("created")
    r = r + thread:get("refused")
    o = o + thread:get("other")
  end
  io.write(string.format("BENCH_COUNTS created=%d refused=%d other=%d\n", c, r, o))
end
