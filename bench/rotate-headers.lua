-- wrk script: each request carries the next header from the file named by $BENCH_HEADERS
-- (one "Name: value" per line, e.g. "Cookie: SESSION=..." or "Authorization: Bearer ..."),
-- so the load spreads over every signed-in user. Each thread starts at a different line.
-- done() prints one machine-readable "BENCH key=value ..." line that run.sh reads.

local file = os.getenv("BENCH_HEADERS")
if not file then
  error("BENCH_HEADERS is not set")
end

local requests = {}
local next_index = 0
local threads = {}

function setup(thread)
  thread:set("thread_number", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(file) do
    local name, value = line:match("^([^:]+):%s*(.*)$")
    if name then
      table.insert(requests, wrk.format(nil, nil, { [name] = value }))
    end
  end
  if #requests == 0 then
    error("no headers in " .. file)
  end
  next_index = (thread_number or 0) % #requests
end

function request()
  next_index = next_index % #requests + 1
  return requests[next_index]
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d "
      .. "connect_errors=%d read_errors=%d write_errors=%d status_errors=%d timeouts=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, errors.connect, errors.read, errors.write,
    errors.status, errors.timeout))
end
