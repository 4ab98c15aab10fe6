#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the tests need (the PostgreSQL server binaries,
# as the test fixtures start their own throwaway servers on 127.0.0.1; kubectl for the end-to-end tests), runs
# every test project in Release, and ends with one line: "N passed, N failed, N skipped", summed over them.
# Exits non-zero when a test failed, a test run aborted, or no test ran at all.
#
#   deploy/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Store]
#
# Needs no running cluster. The full output is kept in .artifacts/test-results/dotnet-test.log.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# A test that hangs this long is aborted (and reported), so the run stays well inside CI's limits.
HANG_TIMEOUT=${ORLEANSCLUSTER_TEST_HANG_TIMEOUT:-5m}

require_dotnet
require_postgres_binaries
require_kubectl
require_python_kubernetes
# The runtime tests drive a real Docker engine and the local busybox image (no registry is reachable).
"$REPO/deploy/docker.sh" >/dev/null || fail "the runtime tests need a Docker engine: deploy/docker.sh failed"

results=$REPO/.artifacts/test-results
mkdir -p "$results"
log=$results/dotnet-test.log
started=$SECONDS

say "dotnet test OrleansCluster.sln -c Release (output also in $log)"
set +e
# -v q: build errors and each project's test summary, without the build's progress lines.
dotnet test "$REPO/OrleansCluster.sln" -c Release -nologo -v q \
  --logger "console;verbosity=minimal" \
  --blame-hang --blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type none \
  "$@" 2>&1 </dev/null | tee "$log" | grep --line-buffered -v "^Data collector 'Blame' message: All tests finished"
status=${PIPESTATUS[0]}
set -e

# One summary line per test project, e.g.
#   Passed!  - Failed:     0, Passed:    63, Skipped:     0, Total:    63, Duration: 2 s - X.Tests.dll (net10.0)
read -r projects passed failed skipped < <(
  sed -nE 's/.*(Passed|Failed)! +- Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+), Total:.*/\2 \3 \4/p' "$log" |
    awk '{ n++; f += $1; p += $2; s += $3 } END { printf "%d %d %d %d\n", n, p, f, s }'
)

if [[ ${CI:-} == true ]]; then
  # Build servers outlive the build; in CI nothing should linger after the run.
  dotnet build-server shutdown >/dev/null 2>&1 || true
fi

echo
echo "test projects: $projects, time: $((SECONDS - started)) s"
echo "$passed passed, $failed failed, $skipped skipped"
if ((status != 0)); then
  ((failed > 0)) || echo "error: dotnet test exited with $status (a build error or an aborted test run; see $log)" >&2
  exit 1
fi
if ((failed > 0 || passed == 0)); then
  ((passed > 0)) || echo "error: no test ran" >&2
  exit 1
fi
