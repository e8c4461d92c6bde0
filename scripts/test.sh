#!/usr/bin/env bash
# What `npm test` runs: build, typecheck, unit specs, then the integration specs on a test database
# created empty for this run, once per queue backend: Redis when one answers at 127.0.0.1:6379, and
# BullMQ's PostgreSQL backend always (spec files that queue nothing run on the latter only).
# Ends with one line, "N passed, M failed", summing jest's "Tests:" counts over the runs, and
# exits non-zero if any step or test failed.
set -euo pipefail
cd "$(dirname "$0")/.."

# `scripts/test.sh --only <path>`: only the integration specs under <path> (npm run test:chaos),
# on both queue backends, with the same set-up; no typecheck or unit run.
only=""
if [[ "${1:-}" == "--only" ]]; then
  only="${2:?--only needs a path}"
fi

# A developer's own services are never the test database: it is dropped on every run.
unset DATABASE_URL REDIS_URL FARO_QUEUE_BACKEND

work="$(mktemp -d)"
services_pid=""
stop_services() {
  if [[ -n "$services_pid" ]] && kill -0 "$services_pid" 2>/dev/null; then
    kill -TERM "$services_pid" 2>/dev/null || true
    wait "$services_pid" 2>/dev/null || true
  fi
  services_pid=""
}
trap 'stop_services; rm -rf "$work"' EXIT

npm run build

# The local PostgreSQL if one answers (database faro_test dropped and created), else an embedded
# one in .faro/pg-test that test-services.js keeps up until stop_services.
node scripts/test-services.js "$work/services.env" &
services_pid=$!
for _ in $(seq 1 1200); do
  [[ -s "$work/services.env" ]] && break
  kill -0 "$services_pid" 2>/dev/null || break
  sleep 0.1
done
if [[ ! -s "$work/services.env" ]]; then
  echo "No test database: see the [test-services] lines above." >&2
  exit 1
fi
# shellcheck source=/dev/null
source "$work/services.env"
export FARO_TEST_DATABASE_URL
redis_note=""
if [[ -n "${REDIS_URL:-}" ]]; then
  export REDIS_URL
  echo "Redis: ${REDIS_URL}"
else
  case "${FARO_EMBEDDED:-}" in
    1 | true) redis_note="Redis not used (FARO_EMBEDDED=${FARO_EMBEDDED})" ;;
    *) redis_note="Redis not reachable" ;;
  esac
  redis_note="${redis_note}: the Redis queue suites were NOT run; queue suites run on BullMQ's PostgreSQL backend only"
  echo "$redis_note"
fi

# A key for tests only (32 bytes of 0x01), never one that wraps real private keys.
export FARO_KEK='AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE='
export NODE_ENV=test

# The console's browser tests need Debian's Chromium (.ci/run installs it); without one they fail.
browser_note=""
if [[ ! -x /usr/bin/chromium ]]; then
  browser_note="No browser: /usr/bin/chromium is missing, so test/console.int-spec.ts and test/console-new-alert.int-spec.ts FAIL (apt-get install -y chromium; .ci/run does it)"
  echo "$browser_note"
fi

failed_steps=""
[[ -z "$only" ]] && { npm run typecheck || failed_steps="${failed_steps} typecheck;"; }

# run_jest <run name> <FARO_QUEUE_BACKEND, or - for none> <jest arguments...>
run_jest() {
  local name="$1" backend="$2"
  shift 2
  local queue_env=()
  [[ "$backend" != "-" ]] && queue_env=("FARO_QUEUE_BACKEND=$backend")
  echo "== jest: ${name}"
  env ${queue_env[@]+"${queue_env[@]}"} npx jest "$@" --ci --passWithNoTests --json --outputFile="$work/jest-${name}.json" ||
    failed_steps="${failed_steps} jest ${name};"
}

if [[ -z "$only" ]]; then
  # Both cores: jest's default on two is one worker, and the unit specs are CPU-bound.
  run_jest unit - --selectProjects unit --maxWorkers=2
else
  echo '{"numPassedTests":0,"numFailedTests":0,"numRuntimeErrorTestSuites":0}' >"$work/jest-unit.json"
fi
# A spec file whose outcome the queue backend cannot change says so on a line of its own ("// Runs
# once, not per queue backend"): it runs once, on PostgreSQL's pass. Those that go on "…, on the
# Redis pass" run on the Redis pass instead when there is one, so that the two passes, which run
# side by side, take about as long (the PostgreSQL pass runs every other spec).
once=()
while IFS= read -r f; do once+=("$f"); done < <(grep -rl --include='*.int-spec.ts' '^// Runs once, not per queue backend' test apps libs | sort || true)
on_redis=()
while IFS= read -r f; do on_redis+=("$f"); done < <(grep -rl --include='*.int-spec.ts' '^// Runs once, not per queue backend, on the Redis pass' test apps libs | sort || true)
not_twice=(--testPathIgnorePatterns=/node_modules/)
not_on_postgres=()
for f in ${once[@]+"${once[@]}"}; do
  if [[ -n "${REDIS_URL:-}" && " ${on_redis[*]-} " == *" $f "* ]]; then
    not_on_postgres+=("--testPathIgnorePatterns=$f")
  else
    not_twice+=("--testPathIgnorePatterns=$f")
  fi
done
# The two queue backends' passes run side by side when test-services.js gave the Redis pass a
# PostgreSQL of its own (FARO_TEST_DATABASE_URL_REDIS), each with its own shared platform: most of
# a pass is waiting on its platform's processes. The Redis pass's output is kept in a file and
# shown whole when it ends, not interleaved. Without that server they run one after the other.
redis_pid=""
if [[ -n "${REDIS_URL:-}" && -z "${FARO_TEST_DATABASE_URL_REDIS:-}" ]]; then
  run_jest integration-redis redis --selectProjects integration --runInBand ${only:+"$only"} "${not_twice[@]}"
elif [[ -n "${REDIS_URL:-}" ]]; then
  (
    export FARO_TEST_DATABASE_URL="$FARO_TEST_DATABASE_URL_REDIS"
    failed_steps=""
    run_jest integration-redis redis --selectProjects integration --runInBand ${only:+"$only"} "${not_twice[@]}"
    [[ -z "$failed_steps" ]]
  ) >"$work/integration-redis.log" 2>&1 &
  redis_pid=$!
fi
run_jest integration-postgres postgres --selectProjects integration --runInBand ${only:+"$only"} ${not_on_postgres[@]+"${not_on_postgres[@]}"}
if [[ -n "$redis_pid" ]]; then
  redis_ok=1
  wait "$redis_pid" || redis_ok=0
  cat "$work/integration-redis.log"
  [[ "$redis_ok" == 1 ]] || failed_steps="${failed_steps} jest integration-redis;"
fi

stop_services

# Sum the runs' test counts; say which runs failed without a failing test (a suite that could not
# run, a crashed globalSetup), since those are not in the count.
counts="$(node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const file of process.argv.slice(1)) {
    const run = file.replace(/^.*jest-(.*)\.json$/, "$1");
    if (!fs.existsSync(file)) { console.error(`jest ${run}: no results (jest did not finish)`); continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    if (r.numRuntimeErrorTestSuites > 0) console.error(`jest ${run}: ${r.numRuntimeErrorTestSuites} test suite(s) failed to run`);
    // The slowest suites, so the run time stays something one can see and act on.
    const slow = (r.testResults ?? [])
      .map((t) => ({ s: (t.endTime - t.startTime) / 1000, name: t.name.replace(process.cwd() + "/", "") }))
      .sort((a, b) => b.s - a.s)
      .slice(0, 8);
    if (slow.length > 0) console.error(`jest ${run}: slowest suites: ` + slow.map((t) => `${t.name} ${t.s.toFixed(0)} s`).join(", "));
  }
  console.log(`${passed} ${failed}`);
' "$work/jest-unit.json" ${REDIS_URL:+"$work/jest-integration-redis.json"} "$work/jest-integration-postgres.json")"
read -r passed failed <<<"$counts"

[[ -n "$failed_steps" ]] && echo "Failed:${failed_steps}"
[[ -n "$redis_note" ]] && echo "$redis_note"
[[ -n "$browser_note" ]] && echo "$browser_note"
echo "${passed} passed, ${failed} failed"
[[ -z "$failed_steps" && "$failed" -eq 0 ]]
