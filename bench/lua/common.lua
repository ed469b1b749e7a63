-- Shared by the bench scripts: targets "account_id key" one per line, a thread id,
-- and counting answers by status so the orchestrator can check them.
local M = {}

function M.load_targets()
  return M.load_targets_from(os.getenv("BENCH_TARGETS"))
end

function M.load_targets_from(path)
  local targets = {}
  for line in io.lines(path) do
    local account, key = line:match("^(%S+)%s+(%S+)$")
    if account then targets[#targets + 1] = { account, key } end
  end
  return targets
end

return M
