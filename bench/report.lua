-- wrk: print one JSON line with requests, errors, req/s and latency percentiles (ms)
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format('{"requests": %d, "errors": %d, "rps": %.1f, "p50": %.2f, "p95": %.2f, "p99": %.2f}\n',
    summary.requests, errors, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
