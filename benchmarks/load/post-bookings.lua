-- wrk script: POST /api/v1/bookings, each request a different free slot (one JSON body per line in
-- $LOAD_BODIES), paced to about $LOAD_RATE requests/s over all connections.
local bodies = {}
for line in io.lines(os.getenv("LOAD_BODIES")) do
  bodies[#bodies + 1] = line
end

local thread_count = 0
local threads = {}

function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

function init(args)
  next_body = thread_index + 1
  step = tonumber(os.getenv("LOAD_THREADS"))
  pause = tonumber(os.getenv("LOAD_DELAY_MS"))
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-Tenant"] = os.getenv("LOAD_SLUG")
end

function request()
  local body = bodies[next_body]
  next_body = next_body + step
  if body == nil then
    body = bodies[1] -- out of slots: repeats answer 409 and show up as errors
  end
  return wrk.format(nil, "/api/v1/bookings", nil, body)
end

function delay()
  return pause
end
