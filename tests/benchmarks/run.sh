#!/usr/bin/env bash
# The issue-2 and issue-3 benchmarks on a throwaway local cluster (see tests/benchmarks/README.md).
#
#   tests/benchmarks/run.sh [--scenario api|scheduling|pods] [--hollow] [--repeat N] [--quick] [--phases a,b] [--http2] [--no-tls] [--pg-stats] [--pg-set NAME=VALUE]... [--keep]
#
# Builds the host and the harness (Release), starts a PostgreSQL 15 in a fresh data folder and one silo with the
# control-plane and gateway roles (its own PKI folder), all on 127.0.0.1 and free ports, runs the harness N times
# (one pass of every phase each, through the client library and through the HTTPS gateway), prints the medians
# across runs, and tears everything down. Results: tests/benchmarks/results/<UTC stamp>/run-<i>.{json,md}, summary.md.
#   --scenario  api (default: the issue-2/3 phases, the silo's scheduler off so pods stay untouched) or scheduling
#               (1,000 nodes, 50,000 pending pods, bindings/s; the scheduler on) or pods (pod start against raw
#               Docker; the silo also has the node role on the local Docker engine)
#   --quick     shorter phases and 1,000 listed pods (scheduling: 100 nodes, 5,000 pods): a smoke run, not figures to quote
#   --hollow    scheduling scenario: the nodes are hollow node agents in the silo (in-memory runtime; they register,
#               renew leases and run the bound pods) instead of bare Node objects
#   --phases    api scenario: only these phases (writes, lists, watch, floor; comma-separated), a focused diagnostic run
#   --http2     talk HTTP/2 to the gateway (default: HTTP/1.1 with a connection pool)
#   --no-tls    Orleans connections without TLS (insecure; default: mutual TLS with the run's CA), to measure its cost
#   --pg-stats  load pg_stat_statements (track = all) and save the top statements by time next to the results;
#               also sample what PostgreSQL's active backends wait on, twice a second, into pg_wait_events.txt
#   --pg-set    a PostgreSQL setting for a diagnostic run (e.g. synchronous_commit=off); not for figures to quote
#   --keep      keep the data folder and the silo log (their path is printed)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
repeat=1
quick=()
phases=()
hollow=()
scenario=api
http2=()
silo_tls=()
client_tls=()
pg_stats=false
keep=false
pg_settings=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --repeat) repeat=${2:?--repeat needs a number}; shift 2 ;;
    --quick) quick=(--quick); shift ;;
    --hollow) hollow=(--hollow); shift ;;
    --phases) phases=(--phases "${2:?--phases needs a list}"); shift 2 ;;
    --scenario) scenario=${2:?--scenario needs api, scheduling or pods}; shift 2 ;;
    --http2) http2=(--http2); shift ;;
    --no-tls) silo_tls=(--OrleansCluster:InsecureOrleansWithoutTls=true); client_tls=(--no-tls); shift ;;
    --pg-stats) pg_stats=true; shift ;;
    --pg-set) pg_settings+=("${2:?--pg-set needs NAME=VALUE}"); shift 2 ;;
    --keep) keep=true; shift ;;
    *) echo "usage: $0 [--scenario api|scheduling|pods] [--hollow] [--repeat N] [--quick] [--phases a,b] [--http2] [--no-tls] [--pg-stats] [--pg-set NAME=VALUE]... [--keep]" >&2; exit 2 ;;
  esac
done
[[ $repeat =~ ^[1-9][0-9]*$ ]] || { echo "--repeat must be a positive number" >&2; exit 2; }
[[ $scenario == api || $scenario == scheduling || $scenario == pods ]] || { echo "--scenario must be api, scheduling or pods" >&2; exit 2; }
scheduler_enabled=$([[ $scenario == api ]] && echo false || echo true)

stamp=$(date -u +%Y%m%dT%H%M%SZ)
results=$here/results/$stamp
work=$(mktemp -d /tmp/orleanscluster-bench.XXXXXX)
chmod 755 "$work" # the postgres user must reach the data folder inside
mkdir -p "$results"

# A loopback port nobody listens on, outside the ranges Orleans' TestingHost probes (22300-30000, 40000-50000).
used_ports=" "
pick_port() {
  local port
  for _ in $(seq 1 200); do
    # Below Linux's ephemeral range (32768-60999), so no outgoing connection holds it when the server binds.
    port=$((20000 + RANDOM % 12000))
    if [[ $used_ports != *" $port "* ]] && ! ss -ltnH "sport = :$port" | grep -q .; then
      used_ports+="$port "
      printf -v "$1" '%s' "$port"
      return
    fi
  done
  echo "no free port found" >&2
  exit 1
}

silo_pid=""
sampler_pid=""
cleanup() {
  if [[ -n $sampler_pid ]]; then kill "$sampler_pid" 2>/dev/null || true; fi
  if [[ -n $silo_pid ]] && kill -0 "$silo_pid" 2>/dev/null; then
    kill "$silo_pid"
    for _ in $(seq 1 100); do kill -0 "$silo_pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$silo_pid" 2>/dev/null && kill -9 "$silo_pid"
  fi
  "$repo/deploy/postgres.sh" stop --data "$work/pg" >/dev/null 2>&1 || true
  if [[ $scenario == pods ]]; then
    # The bench node's containers and the raw Docker side's, should a run have stopped half-way.
    docker ps -aq --filter "label=orleanscluster.node=bench-node-$$" | xargs -r docker rm -f >/dev/null 2>&1 || true
    docker ps -aq --filter "label=orleanscluster.bench=podstart" | xargs -r docker rm -f >/dev/null 2>&1 || true
  fi
  if $keep; then
    echo "kept $work (PostgreSQL data in pg/, silo log in silo.log)" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

echo "building (Release)..." >&2
dotnet build "$repo/src/OrleansCluster.Host/OrleansCluster.Host.csproj" -c Release -nologo -v q >&2
dotnet build "$here/OrleansCluster.Benchmarks/OrleansCluster.Benchmarks.csproj" -c Release -nologo -v q >&2
host_dir=$repo/src/OrleansCluster.Host/bin/Release/net10.0
bench=$here/OrleansCluster.Benchmarks/bin/Release/net10.0/OrleansCluster.Benchmarks.dll

pick_port pg_port
cs=$("$repo/deploy/postgres.sh" start --data "$work/pg" --port "$pg_port")
psql_do() { psql "host=127.0.0.1 port=$pg_port user=postgres dbname=orleanscluster" -qAt "$@"; }
if $pg_stats; then
  psql_do -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"
  "$repo/deploy/postgres.sh" stop --data "$work/pg" >/dev/null
  "$repo/deploy/postgres.sh" start --data "$work/pg" --port "$pg_port" >/dev/null
  # track = all also counts the statements inside kube_put and kube_delete.
  psql_do -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" \
    -c "ALTER SYSTEM SET pg_stat_statements.track = 'all'" -c "SELECT pg_reload_conf()" >/dev/null
fi
for setting in "${pg_settings[@]}"; do
  psql_do -c "ALTER SYSTEM SET ${setting%%=*} = '${setting#*=}'" -c "SELECT pg_reload_conf()" >/dev/null
  echo "PostgreSQL: $setting" | tee -a "$results/settings.txt" >&2
done
postmaster_pid=$(head -1 "$work/pg/postmaster.pid")

pick_port http_port
pick_port silo_port
pick_port gateway_port
pick_port api_port
node_args=()
if [[ $scenario == pods ]]; then
  # A node on the local Docker engine beside the control plane, as the quick start's silo has.
  "$repo/deploy/docker.sh" >&2
  pick_port kubelet_port
  node_args=(--OrleansCluster:Roles:2=node --OrleansCluster:Node:NodeName="bench-node-$$"
    --OrleansCluster:Node:KubeletPort="$kubelet_port")
elif [[ $scenario == scheduling && ${#hollow[@]} -gt 0 ]]; then
  # Hollow nodes in the silo: node agents on the in-memory engine, as many as the scenario's nodes.
  pick_port kubelet_port
  node_args=(--OrleansCluster:Roles:2=node --OrleansCluster:Node:Runtime=in-memory
    --OrleansCluster:Node:HollowNodes="$([[ ${#quick[@]} -gt 0 ]] && echo 100 || echo 1000)"
    --OrleansCluster:Node:KubeletPort="$kubelet_port"
    # One process renews every hollow node's lease in turn: kubelet's pace, and Kubernetes' grace, so that
    # loop never makes a busy node look dead to the node lifecycle controller.
    --OrleansCluster:Node:LeaseRenewInterval=00:00:10 --OrleansCluster:Controllers:NodeMonitorGracePeriod=00:00:50)
fi
# Node objects without agents (scheduler_perf's setup) never report: no startup grace runs out during the run.
node_args+=(--OrleansCluster:Controllers:NodeStartupGracePeriod=01:00:00)
# The Kubernetes API over HTTPS on loopback, with a CA, certificate and token made for this run only.
pki=$work/pki
kubeconfig=$pki/kubeconfig-$api_port
# The host reads appsettings.json from its working directory: start it in its output folder.
(cd "$host_dir" && exec dotnet OrleansCluster.Host.dll \
  --OrleansCluster:ConnectionString="$cs" --OrleansCluster:HttpPort="$http_port" \
  --OrleansCluster:SiloPort="$silo_port" --OrleansCluster:GatewayPort="$gateway_port" \
  --OrleansCluster:Roles:0=control-plane --OrleansCluster:Roles:1=gateway \
  --OrleansCluster:Gateway:Port="$api_port" --OrleansCluster:Gateway:PkiDirectory="$pki" \
  --OrleansCluster:Scheduler:Enabled="$scheduler_enabled" "${node_args[@]}" "${silo_tls[@]}" \
  >"$work/silo.log" 2>&1) &
silo_pid=$!
ready=false
for _ in $(seq 1 240); do
  if curl -sf "http://127.0.0.1:$http_port/readyz" >/dev/null 2>&1; then ready=true; break; fi
  kill -0 "$silo_pid" 2>/dev/null || break
  sleep 0.5
done
if $ready && [[ ! -s $kubeconfig ]]; then
  echo "the silo is ready but wrote no $kubeconfig" >&2
  ready=false
fi
if ! $ready; then
  echo "the silo did not become ready; last lines of its log:" >&2
  tail -n 30 "$work/silo.log" >&2
  exit 1
fi
echo "cluster ready: PostgreSQL $pg_port (pid $postmaster_pid), silo pid $silo_pid, http $http_port, API https://127.0.0.1:$api_port" >&2

if $pg_stats; then
  # Bounded: at most an hour of samples; stopped when the runs end.
  (for _ in $(seq 1 7200); do
    psql_do -c "SELECT coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, 'running')
      FROM pg_stat_activity WHERE backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid()" || true
    sleep 0.5
  done >"$work/waits.txt" 2>/dev/null) &
  sampler_pid=$!
fi

silo_alive() {
  kill -0 "$silo_pid" 2>/dev/null && return
  local status=0
  wait "$silo_pid" || status=$?
  echo "the silo (pid $silo_pid) exited with status $status$( ((status == 137)) && echo ': SIGKILL, not by this script'); last lines of its log:" >&2
  tail -n 30 "$work/silo.log" >&2
  return 1
}

for i in $(seq 1 "$repeat"); do
  silo_alive || exit 1
  echo "== run $i of $repeat ==" >&2
  psql_do -c "SELECT pg_stat_statements_reset()" >/dev/null 2>&1 || true
  dotnet "$bench" run --cs "$cs" --pki "$pki" "${client_tls[@]}" --out "$results/run-$i.json" --run-id "bench-$i-$(date -u +%H%M%S)" \
    --silo-pid "$silo_pid" --pg-pid "$postmaster_pid" --kubeconfig "$kubeconfig" --scenario "$scenario" "${http2[@]}" "${quick[@]}" "${phases[@]}" "${hollow[@]}"
  if $pg_stats; then
    psql_do -F ' | ' -c "SELECT round(total_exec_time)::bigint AS total_ms, calls,
        round((total_exec_time / calls)::numeric, 3) AS mean_ms, left(regexp_replace(query, '\s+', ' ', 'g'), 110)
      FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25" >"$results/pg_stat_statements-$i.txt"
  fi
done

silo_alive || echo "the figures of the last run may be cut short by the silo's exit" >&2
cp "$work/silo.log" "$results/silo.log"
if [[ -n $sampler_pid ]]; then
  kill "$sampler_pid" 2>/dev/null || true
  sampler_pid=""
  sort "$work/waits.txt" | uniq -c | sort -rn >"$results/pg_wait_events.txt"
fi

dotnet "$bench" summarize --out "$results/summary.md" "$results"/run-*.json
echo "results in $results" >&2
