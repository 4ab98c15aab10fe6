#!/usr/bin/env bash
# Starts silo number N of the local cluster (after deploy/cluster-up.sh) and waits until it is ready.
#
#   deploy/add-silo.sh N        N >= 1; silo N listens on 127.0.0.1 ports 11110+N (silo), 29999+N (gateway)
#                               and 8078+N (/healthz, /readyz), and joins through the same PostgreSQL.
#                               It is also node `node-N` (roles control-plane, gateway, node; node API on
#                               10249+N), running its pods on the same Docker engine as the other silos.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

n=${1:-}
[[ $n =~ ^[1-9][0-9]?$ ]] || fail "usage: $0 N   (N from 1 to 99, the silo's number)"
connection_string >/dev/null

if pid=$(silo_pid "$n") && silo_ready "$n"; then
  say "silo-$n (pid $pid) is already running and ready"
  exit 0
fi

require_dotnet
start_silo "$n"
say "waiting for silo-$n to be ready (at most ${READY_TIMEOUT}s)"
wait_ready "$n"
say "silo-$n is ready (pid $(silo_pid "$n")); log: $(log_file "$n"); stop the cluster with deploy/cluster-down.sh"
