-- GET one path with one key (BENCH_PATH, BENCH_KEY); no key for the health ceiling.
local path = os.getenv("BENCH_PATH")
local key = os.getenv("BENCH_KEY")
local headers = {}
if key and key ~= "" then headers["Authorization"] = "Bearer " .. key end
request = function()
  return wrk.format("GET", path, headers)
end
