#!/usr/bin/env bash
# Brings up a one-machine cluster: a throwaway PostgreSQL and one silo, and returns once the silo is ready.
# Silo N is also node `node-N` (roles control-plane, gateway, node): its pods run on the local Docker engine,
# whose containers carry the label orleanscluster.node=node-N, so several node silos share one engine.
# Idempotent: run it again and it reports the running cluster (or starts what is missing).
#
#   deploy/cluster-up.sh
#
# Environment:
#   ORLEANSCLUSTER_CONNECTION   use this PostgreSQL (Npgsql connection string) instead of starting one
#   ORLEANSCLUSTER_PG_PORT      port of the throwaway PostgreSQL (default 55432)
#   ORLEANSCLUSTER_STATE        folder for data, logs and pid files (default <repo>/.cluster)
#
# Everything listens on 127.0.0.1 only. Stop with deploy/cluster-down.sh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

mkdir -p "$STATE/logs"

if pid=$(silo_pid 1) && silo_ready 1; then
  say "the cluster is already up: silo-1 (pid $pid) is ready"
else
  require_dotnet

  if [[ -n ${ORLEANSCLUSTER_CONNECTION:-} ]]; then
    say "using the PostgreSQL given in ORLEANSCLUSTER_CONNECTION"
    echo "$ORLEANSCLUSTER_CONNECTION" | write_secret "$STATE/connection"
  else
    require_postgres_binaries
    data=$(postgres_data)
    # The connection string holds the password: $STATE/connection is mode 0600, like the password file.
    if "$REPO/deploy/postgres.sh" status --data "$data" >/dev/null 2>&1; then
      say "PostgreSQL is running ($data)"
      # start on a running server only makes sure it asks for the password (a server from before it did).
      "$REPO/deploy/postgres.sh" start --data "$data" --password-file "$PG_PASSWORD_FILE" | write_secret "$STATE/connection"
    else
      port=$(choose_pg_port "$data")
      say "starting PostgreSQL in $data (127.0.0.1:$port)"
      "$REPO/deploy/postgres.sh" start --data "$data" --port "$port" --password-file "$PG_PASSWORD_FILE" |
        write_secret "$STATE/connection"
    fi
  fi

  if ! silo_pid 1 >/dev/null; then
    say "making sure the Docker engine and the local image are there (deploy/docker.sh)"
    "$REPO/deploy/docker.sh" >/dev/null
    build_host
    start_silo 1
  fi
  say "waiting for silo-1 to be ready (at most ${READY_TIMEOUT}s; it applies the database migrations first)"
  wait_ready 1
  say "silo-1 is ready"
fi

# kubectl: every silo serves the Kubernetes API (silo-1 on https://127.0.0.1:6443) with the cluster's CA and
# admin token from $STATE/pki; merge a context for it into the user's kubeconfig and switch to it, as kind does.
require_kubectl
configure_kubectl

cat <<EOF

Cluster is up.
  kubectl:            context "orleanscluster" (https://127.0.0.1:$(api_port 1)) is now current: try kubectl get ns
  Connection string:  $(connection_string)
                      (the client library's ConnectionString; export ORLEANSCLUSTER_CONNECTION="\$(cat $STATE/connection)")
  Logs:               $STATE/logs/silo-N.log
  Try the client:     dotnet run --project src/OrleansCluster.Example -- "\$(cat $STATE/connection)" $STATE/pki
                      (its credential for the silos' Orleans TLS: client.crt, client.key, ca.crt in $STATE/pki)
  Nodes:              silo N is node node-N (kubectl get nodes); its pods run on the local Docker engine
  Add a silo:         deploy/add-silo.sh 2      (silo N listens on 11110+N, gateway 29999+N, API 6442+N, health 8078+N,
                                                 node API 10249+N)
  Stop:               deploy/cluster-down.sh    (add --purge to delete the data)
EOF
