#!/usr/bin/env bash
# Runs one benchmark on loopback: progress on stderr, last stdout line "NAME: VALUE UNIT". Never run in CI.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
names="emulator-read emulator-write emulator-filter-ratio emulator-heap-100k mapping-throughput"
names="$names scim-get-filter-1k scim-get-filter-100k scim-vs-peer scim-post scim-p99"
names="$names cycle-initial-100k cycle-incremental-noop bulk-5000 push-latency-p50 writes-per-user cycle-throttled-goodput"
name="${1:-}"
if [[ -z "$name" || "$name" == "list" ]]; then
  for n in $names; do echo "$n"; done
  exit 0
fi
case " $names " in
  *" $name "*) ;;
  *) echo "unknown benchmark '$name'; try: $0 list" >&2; exit 2 ;;
esac
# BENCH_NO_BUILD=1 reuses the last build, for series of runs
if [[ "${BENCH_NO_BUILD:-}" != "1" ]]; then
  echo "building benchmarks..." >&2
  (cd "$root" && ./mvnw -q -B -Pbenchmarks -DskipTests -Denforcer.skip=true -pl benchmarks -am package) >&2
fi
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
if [[ "$name" == "mapping-throughput" ]]; then
  # "on one core": JMH and its forked JVM are pinned to CPU 0 when taskset is there
  pin=""; command -v taskset >/dev/null && pin="taskset -c 0"
  exec $pin java -cp "$cp" io.tenantsync.benchmarks.mapping.MappingThroughput
fi
case "$name" in
  scim-*)
    exec java -Xmx2g -XX:+UseG1GC -cp "$cp" io.tenantsync.benchmarks.scim.ScimBenchmark "$name" ;;
  cycle-*|bulk-5000|push-latency-p50|writes-per-user)
    # the emulator (source and target), the job and its store share this JVM
    exec java -Xmx3g -XX:+UseG1GC -cp "$cp" io.tenantsync.benchmarks.cycle.CycleBenchmark "$name" ;;
esac
heap="-Xmx1g"
# the heap benchmark proves the 100k-user emulator fits its budget: it runs with the budget as the limit
[[ "$name" == "emulator-heap-100k" ]] && heap="-Xmx512m"
exec java $heap -XX:+UseG1GC -cp "$cp" io.tenantsync.benchmarks.EmulatorBenchmark "$name"
