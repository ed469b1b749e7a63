-- Spreads wrk's threads over several seatkeeper processes, round robin: thread
-- n connects to the (n mod N)th port of BENCH_PORTS, as a load balancer in
-- front of N replicas would. Runs the workload script named by BENCH_SCRIPT.
dofile(os.getenv("BENCH_LUA") .. "/" .. os.getenv("BENCH_SCRIPT"))
local workload_setup = setup
local ports = {}
for port in string.gmatch(os.getenv("BENCH_PORTS"), "%d+") do ports[#ports + 1] = port end
local threads = 0

setup = function(thread)
  thread.addr = wrk.lookup("127.0.0.1", ports[threads % #ports + 1])[1]
  threads = threads + 1
  if workload_setup then workload_setup(thread) end
end
