-- The mixed load: of every 20 requests, 14 read a subscription and 5 add an
-- agent, round robin over the spread accounts (BENCH_TARGETS), and 1 adds an
-- agent to the one hot account (BENCH_HOT): 70 %, 25 %, 5 %. done() prints the
-- answers by kind and the exact p50, p99 and max for the orchestrator.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local common = require("common")
local threads = {}
local counter = 0
created, refused, read, other = 0, 0, 0, 0  -- globals: done() reads them with thread:get
local targets = common.load_targets()
local hot = nil
for _, t in ipairs(common.load_targets_from(os.getenv("BENCH_HOT"))) do hot = t end
local reads = {}
for n, t in ipairs(targets) do
  reads[n] = wrk.format("GET", "/v1/accounts/" .. t[1] .. "/subscription",
    { ["Authorization"] = "Bearer " .. t[2] })
end

setup = function(thread)
  thread:set("tid", #threads + 1)
  threads[#threads + 1] = thread
end

local function add(t)
  local user = string.format("m%s-%s-%d", os.getenv("BENCH_RUN") or "0", tostring(tid), counter)
  local body = string.format(
    '{"user_id":"%s","email":"%s@bench.example","name":"Bench","products":["sell"]}', user, user)
  return wrk.format("POST", "/v1/accounts/" .. t[1] .. "/agents",
    { ["Authorization"] = "Bearer " .. t[2], ["Content-Type"] = "application/json" }, body)
end

request = function()
  counter = counter + 1
  local slot = counter % 20
  if slot == 0 then return add(hot) end
  if slot <= 5 then return add(targets[(counter % #targets) + 1]) end
  return reads[(counter % #reads) + 1]
end

response = function(status, headers, body)
  if status == 200 then read = read + 1
  elseif status == 201 then created = created + 1
  elseif status == 409 then refused = refused + 1
  else other = other + 1 end
end

done = function(summary, latency, requests)
  local c, r, g, o = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("created")
    r = r + thread:get("refused")
    g = g + thread:get("read")
    o = o + thread:get("other")
  end
  local e = summary.errors
  io.write(string.format("BENCH_COUNTS created=%d refused=%d other=%d\n", c, r, o))
  io.write(string.format("BENCH_MIXED read=%d socket_errors=%d p50_us=%d p99_us=%d max_us=%d\n",
    g, e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99),
    latency.max))
end
