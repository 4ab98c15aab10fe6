#!/usr/bin/env bash
# Stops the local cluster: every silo deploy/cluster-up.sh or deploy/add-silo.sh started, then the throwaway
# PostgreSQL (a PostgreSQL given through ORLEANSCLUSTER_CONNECTION is left alone).
#
#   deploy/cluster-down.sh            stop; the data stays for the next cluster-up
#   deploy/cluster-down.sh --purge    stop and delete the data, logs and binaries under .cluster/, and the
#                                     containers of the cluster's nodes (node-N) on the local Docker engine
# Without --purge the pods' containers keep running, as when kubelet stops: the next cluster-up adopts them.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

purge=false
case ${1:-} in
  "") ;;
  --purge) purge=true ;;
  *) fail "usage: $0 [--purge]" ;;
esac

STOP_TIMEOUT=20

stop_silo() {
  local file=$1 n pid deadline
  n=$(basename "$file" .pid)
  n=${n#silo-}
  if ! pid=$(silo_pid "$n"); then
    rm -f "$file"
    return
  fi
  say "stopping silo-$n (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    say "silo-$n did not stop within ${STOP_TIMEOUT}s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

shopt -s nullglob
nodes=()
for file in "$STATE"/silo-*.pid; do
  n=$(basename "$file" .pid)
  nodes+=("node-${n#silo-}")
  stop_silo "$file"
done

if $purge && command -v docker >/dev/null && docker version >/dev/null 2>&1; then
  for node in "${nodes[@]}"; do
    ids=$(docker ps -aq --filter "label=orleanscluster.node=$node")
    if [[ -n $ids ]]; then
      say "removing the containers of $node"
      # shellcheck disable=SC2086
      docker rm -f $ids >/dev/null
    fi
  done
fi

add_postgres_to_path
data=$(postgres_data)
if [[ -f $data/PG_VERSION ]]; then
  say "stopping PostgreSQL ($data)"
  "$REPO/deploy/postgres.sh" stop --data "$data" >/dev/null
fi

if $purge; then
  say "deleting $STATE"
  rm -rf "$data" "$STATE"
  if [[ $data == /var/tmp/orleanscluster-* ]]; then rmdir "$(dirname "$data")" 2>/dev/null || true; fi
fi
say "the cluster is down"
