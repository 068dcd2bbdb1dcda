-- wrk reporter for bench/api-list.sh: one machine-readable line at the end of a run,
--   RESULT <p50 ms> <p99 ms> <req/s> <requests> <non-2xx/3xx responses> <socket errors>
-- The Authorization header is passed with wrk -H.

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT %.2f %.2f %.1f %d %d %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / seconds, summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout))
end
