# Shared by the deploy/*.sh scripts (sourced, not run). Everything the local cluster owns lives in $STATE.
#
#   $STATE/connection          the cluster's PostgreSQL connection string, with its password (mode 0600)
#   $STATE/postgres/           the throwaway PostgreSQL's data (unless ORLEANSCLUSTER_CONNECTION was given)
#   $STATE/secrets/            the throwaway PostgreSQL's password (postgres.password, mode 0600)
#   $STATE/pki/                the cluster CA, the certificates and keys made from it, the admin token
#   $STATE/host/               the silo binaries the silos run from (a copy, so rebuilding never pulls files
#                              from under a running silo)
#   $STATE/silo-N.pid, $STATE/logs/silo-N.log
#
# Silo N listens on 127.0.0.1 only: silo port 11110+N, gateway port 29999+N, health port 8078+N
# (silo 1 gets the host's defaults 11111, 30000 and 8079).

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=${ORLEANSCLUSTER_STATE:-$REPO/.cluster}
PG_PORT=${ORLEANSCLUSTER_PG_PORT:-55432}
PG_PASSWORD_FILE=$STATE/secrets/postgres.password
READY_TIMEOUT=${ORLEANSCLUSTER_READY_TIMEOUT:-90}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { echo "==> $*"; }
fail() {
  echo "error: $*" >&2
  exit 1
}

silo_port() { echo $((11110 + $1)); }
gateway_port() { echo $((29999 + $1)); }
http_port() { echo $((8078 + $1)); }
api_port() { echo $((6442 + $1)); }
# The node API (logs, exec) of silo N's node: 10250 for node-1, as kubelet's port.
kubelet_port() { echo $((10249 + $1)); }
pid_file() { echo "$STATE/silo-$1.pid"; }
log_file() { echo "$STATE/logs/silo-$1.log"; }

require_dotnet() {
  command -v dotnet >/dev/null ||
    fail "dotnet was not found. Install the .NET 10 SDK (https://dotnet.microsoft.com/download/dotnet/10.0) and retry."
  dotnet --list-sdks 2>/dev/null | grep -q '^10\.' ||
    fail "the .NET 10 SDK is required; found: $(dotnet --list-sdks 2>/dev/null | tr '\n' ' ')"
}

# Debian installs the server binaries outside PATH.
add_postgres_to_path() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do PATH="$PATH:$dir"; done
  export PATH
}

# Installs Debian packages quietly (as root, or through passwordless sudo); false when it cannot.
apt_install() {
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null && sudo -n true 2>/dev/null || return 1
    sudo=(sudo -n)
  fi
  command -v apt-get >/dev/null || return 1
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1 ||
    { "${sudo[@]}" apt-get update -q >/dev/null 2>&1 &&
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1; }
}

# initdb and pg_ctl: the local cluster's PostgreSQL and the tests' throwaway servers both need them.
require_postgres_binaries() {
  add_postgres_to_path
  command -v initdb >/dev/null && command -v pg_ctl >/dev/null && return
  say "PostgreSQL server binaries (initdb, pg_ctl) not found: installing Debian's postgresql package"
  apt_install postgresql ||
    fail "could not install the postgresql package (needs root or sudo, and apt-get). Install PostgreSQL 15 or newer (initdb, pg_ctl) and retry."
  add_postgres_to_path
  command -v initdb >/dev/null || fail "initdb is still missing after installing postgresql"
}

# The official Python client (Debian's python3-kubernetes, for /usr/bin/python3): an end-to-end test uses it.
require_python_kubernetes() {
  /usr/bin/python3 -c 'import kubernetes' 2>/dev/null && return
  say "python3-kubernetes not found: installing Debian's python3-kubernetes"
  apt_install python3-kubernetes ||
    fail "the end-to-end tests need Debian's python3-kubernetes (apt-get install python3-kubernetes)."
}

# Merges this cluster into the user's kubeconfig and makes it the current context, as kind and minikube do.
configure_kubectl() {
  local server="https://127.0.0.1:$(api_port 1)"
  kubectl config set-cluster orleanscluster --server="$server" \
    --certificate-authority="$STATE/pki/ca.crt" --embed-certs=true >/dev/null
  kubectl config set-credentials orleanscluster-admin --token="$(<"$STATE/pki/admin.token")" >/dev/null
  kubectl config set-context orleanscluster --cluster=orleanscluster --user=orleanscluster-admin --namespace=default >/dev/null
  kubectl config use-context orleanscluster >/dev/null
}

# kubectl: the end-to-end tests drive the gateway with the real client.
require_kubectl() {
  command -v kubectl >/dev/null && return
  say "kubectl not found: trying apt-get install kubectl"
  apt_install kubectl ||
    fail "the end-to-end tests need kubectl. Install it (https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/) and retry."
}

# 200, 503, ... from http://127.0.0.1:PORT/PATH, or 000 when nothing answers.
http_status() {
  local port=$1 path=$2
  if command -v curl >/dev/null; then
    curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$port$path" || true
    return
  fi
  local line=""
  if exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
    read -r -t 2 line <&3 || true
    exec 3<&-
  fi
  [[ $line =~ ^HTTP/[0-9.]+\ ([0-9]{3}) ]] && echo "${BASH_REMATCH[1]}" || echo 000
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The pid of silo N when its process is alive.
silo_pid() {
  local file pid
  file=$(pid_file "$1")
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

silo_ready() { [[ $(http_status "$(http_port "$1")" /readyz) == 200 ]]; }

# The throwaway PostgreSQL's data folder: $STATE/postgres, unless (as root) the postgres user, who must own
# it, cannot reach $STATE; then a folder under /var/tmp named after $STATE.
postgres_data() {
  if [[ $(id -u) -eq 0 ]] && id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$STATE" 2>/dev/null; then
    echo "/var/tmp/orleanscluster-$(echo "$STATE" | cksum | cut -d' ' -f1)/postgres"
  else
    echo "$STATE/postgres"
  fi
}

# The port for the throwaway PostgreSQL: the one it used before, else ORLEANSCLUSTER_PG_PORT, else the first
# free one from 55432 on (another program may hold 55432).
choose_pg_port() {
  local data=$1 port
  port=$(sed -n 's/^port *= *\([0-9]*\).*/\1/p' "$data/postgresql.auto.conf" 2>/dev/null | tail -1)
  port=${port:-$PG_PORT}
  if port_in_use "$port"; then
    [[ -z ${ORLEANSCLUSTER_PG_PORT:-} ]] || fail "port $port (ORLEANSCLUSTER_PG_PORT) is in use by another program"
    local candidate
    for candidate in $(seq "$PG_PORT" $((PG_PORT + 20))); do
      port_in_use "$candidate" || { port=$candidate; break; }
    done
    port_in_use "$port" && fail "ports $PG_PORT-$((PG_PORT + 20)) are all in use; set ORLEANSCLUSTER_PG_PORT to a free port"
    say "port ${PG_PORT} is taken by another program: PostgreSQL will use $port" >&2
  fi
  echo "$port"
}

# Writes stdin to FILE, readable by its owner only (it holds a password); fails when stdin's writer failed.
write_secret() {
  local file=$1
  mkdir -p "$(dirname "$file")"
  (umask 077 && cat >"$file.new")
  [[ -s $file.new ]] || { rm -f "$file.new"; return 1; }
  chmod 600 "$file.new"
  mv "$file.new" "$file"
}

connection_string() {
  [[ -f $STATE/connection ]] || fail "no cluster here: run deploy/cluster-up.sh first"
  cat "$STATE/connection"
}

# Builds the host in Release and copies it to $STATE/host for the silos to run from.
build_host() {
  mkdir -p "$STATE/logs"
  say "building the host (Release)"
  if ! dotnet build "$REPO/src/OrleansCluster.Host/OrleansCluster.Host.csproj" -c Release -nologo -v q \
    -clp:ErrorsOnly >"$STATE/logs/build.log" 2>&1; then
    tail -n 40 "$STATE/logs/build.log" >&2
    fail "the build failed; full output in $STATE/logs/build.log"
  fi
  rm -rf "$STATE/host.new"
  cp -r "$REPO/src/OrleansCluster.Host/bin/Release/net10.0" "$STATE/host.new"
  rm -rf "$STATE/host"
  mv "$STATE/host.new" "$STATE/host"
}

# Starts silo N in the background (own session, survives this shell) unless it is already running.
start_silo() {
  local n=$1 log
  log=$(log_file "$n")
  if silo_pid "$n" >/dev/null; then
    return
  fi
  [[ -f $STATE/host/OrleansCluster.Host.dll ]] || fail "the host is not built: run deploy/cluster-up.sh first"
  local port
  for port in "$(silo_port "$n")" "$(gateway_port "$n")" "$(http_port "$n")" "$(api_port "$n")" "$(kubelet_port "$n")"; do
    port_in_use "$port" && fail "port $port (for silo $n) is already in use by another program on 127.0.0.1"
  done
  mkdir -p "$STATE/logs"
  say "starting silo-$n (silo port $(silo_port "$n"), gateway $(gateway_port "$n"), Kubernetes API https://127.0.0.1:$(api_port "$n"), health http://127.0.0.1:$(http_port "$n")/readyz)"
  (
    cd "$STATE/host"
    exec setsid nohup dotnet OrleansCluster.Host.dll \
      --OrleansCluster:ConnectionString="$(connection_string)" \
      --OrleansCluster:Address=127.0.0.1 \
      --OrleansCluster:SiloName="silo-$n" \
      --OrleansCluster:SiloPort="$(silo_port "$n")" \
      --OrleansCluster:GatewayPort="$(gateway_port "$n")" \
      --OrleansCluster:HttpPort="$(http_port "$n")" \
      --OrleansCluster:Roles:0=control-plane \
      --OrleansCluster:Roles:1=gateway \
      --OrleansCluster:Roles:2=node \
      --OrleansCluster:Node:NodeName="node-$n" \
      --OrleansCluster:Node:KubeletPort="$(kubelet_port "$n")" \
      --OrleansCluster:Gateway:Port="$(api_port "$n")" \
      --OrleansCluster:Gateway:PkiDirectory="$STATE/pki" \
      </dev/null >>"$log" 2>&1
  ) &
  echo $! >"$(pid_file "$n")"
}

# How silo N's process ended, when this shell started it ("exit status 1", "killed by signal 9").
silo_exit() {
  local pid status=0
  pid=$(<"$(pid_file "$1")")
  wait "$pid" 2>/dev/null || status=$?
  if ((status == 127)) && ! jobs -p | grep -qx "$pid"; then echo "ended"
  elif ((status > 128)); then echo "killed by signal $((status - 128))"
  else echo "exit status $status"; fi
}

# Waits (bounded) until silo N answers /readyz with 200; on failure prints its log tail and exits.
wait_ready() {
  local n=$1 deadline=$((SECONDS + READY_TIMEOUT))
  while ((SECONDS < deadline)); do
    silo_ready "$n" && return
    if ! silo_pid "$n" >/dev/null; then
      tail -n 30 "$(log_file "$n")" >&2 || true
      fail "silo-$n $(silo_exit "$n") while starting; log: $(log_file "$n")"
    fi
    sleep 0.5
  done
  tail -n 30 "$(log_file "$n")" >&2 || true
  fail "silo-$n was not ready within ${READY_TIMEOUT}s (it is still running, pid $(silo_pid "$n" || echo '?')); log: $(log_file "$n")"
}
