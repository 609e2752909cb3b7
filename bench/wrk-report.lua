-- wrk script for bench/fruits-vs-bun.sh: when the run is done, print its exact figures (latency in microseconds)
-- as "BENCH key value" lines after wrk's own report, so the script need not parse wrk's rounded, unit-suffixed text.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH requests %d\n", summary.requests))
  io.write(string.format("BENCH duration_us %d\n", summary.duration))
  io.write(string.format("BENCH p50_us %d\n", latency:percentile(50)))
  io.write(string.format("BENCH p99_us %d\n", latency:percentile(99)))
  io.write(string.format("BENCH status_errors %d\n", e.status))
  io.write(string.format("BENCH connect_errors %d\n", e.connect))
  io.write(string.format("BENCH read_errors %d\n", e.read))
  io.write(string.format("BENCH write_errors %d\n", e.write))
  io.write(string.format("BENCH timeout_errors %d\n", e.timeout))
end
