-- Shared by the bench scripts: targets "account_id key" one per line, a thread id,
-- and counting answers by status so the orchestrator can check them.
local M = {}

function M.load_targets()
  local targets = {}
  for line in io.lines(os.getenv("BENCH_TARGETS")) do
    local account, key = line:match("^(%S+)%s+(%S+)$")
    if account then targets[#targets + 1] = { account, key } end
  end
  return targets
end

return M
