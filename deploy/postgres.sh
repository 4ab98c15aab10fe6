#!/usr/bin/env bash
# A throwaway PostgreSQL 15 living entirely in one data folder, for development and CI.
#
#   deploy/postgres.sh start  --data DIR [--port N] [--password-file FILE]
#                             initdb if DIR is empty, start, set the password, print the connection string
#   deploy/postgres.sh stop   --data DIR
#   deploy/postgres.sh status --data DIR [--password-file FILE]
#                             exit 0 and print the connection string when running
#
# Listens on 127.0.0.1 only, where the postgres user must give its password (SCRAM-SHA-256). The password is
# generated on first start into FILE (mode 0600; default DIR.password, beside the data folder) and set again on
# every start, so a data folder made by an older version of this script (which trusted loopback) is upgraded.
# The unix socket stays inside DIR (mode 0700) and trusts the postgres user: only DIR's owner can reach it.
# The server binaries refuse to run as root, so as root they run as the postgres user, who then owns DIR.
set -euo pipefail

usage() {
  echo "usage: $0 start --data DIR [--port N] [--password-file FILE] | stop --data DIR | status --data DIR [--password-file FILE]" >&2
  exit 2
}

command=${1:-}
[[ -n $command ]] || usage
shift
data=""
port=5432
port_given=false
password_file=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --data) data=${2:?--data needs a folder}; shift 2 ;;
    --port) port=${2:?--port needs a number}; port_given=true; shift 2 ;;
    --password-file) password_file=${2:?--password-file needs a file}; shift 2 ;;
    *) usage ;;
  esac
done
[[ -n $data ]] || usage
[[ $port =~ ^[0-9]+$ ]] || { echo "--port must be a number, got '$port'" >&2; exit 2; }
mkdir -p "$data"
data=$(cd "$data" && pwd)
password_file=${password_file:-$data.password}

# Debian installs the server outside PATH; prefer the newest there, after whatever PATH already offers.
for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
  PATH="$PATH:$dir"
done
export PATH

ensure_binaries() {
  command -v initdb >/dev/null && command -v pg_ctl >/dev/null && return
  echo "PostgreSQL server binaries not found; trying apt-get install -y postgresql" >&2
  if ! { apt-get install -y postgresql >&2 || { apt-get update >&2 && apt-get install -y postgresql >&2; }; }; then
    echo "Could not install PostgreSQL. Install PostgreSQL 15 (initdb, pg_ctl) and retry." >&2
    exit 1
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do PATH="$PATH:$dir"; done
  command -v initdb >/dev/null || { echo "initdb still not found after installing postgresql" >&2; exit 1; }
}

# Runs a server binary as the user allowed to run it.
as_server_user() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- env PATH="$PATH" "$@"
  else
    "$@"
  fi
}

# The postgres user's password: made on first use (hex, so it needs no quoting in SQL or a connection string).
password() {
  if [[ ! -s $password_file ]]; then
    mkdir -p "$(dirname "$password_file")"
    (umask 077 && od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$password_file")
  fi
  chmod 600 "$password_file"
  cat "$password_file"
}

connection_string() {
  local p
  p=$(sed -n 's/^port *= *\([0-9]*\).*/\1/p' "$data/postgresql.auto.conf" 2>/dev/null | tail -1)
  echo "Host=127.0.0.1;Port=${p:-$port};Username=postgres;Password=$(password);Database=orleanscluster"
}

# psql as the server's user over the unix socket inside $data (the one way in without the password).
local_psql() {
  as_server_user psql -h "$data" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"
}

is_running() {
  [[ -f $data/PG_VERSION ]] && as_server_user pg_ctl status -D "$data" >/dev/null 2>&1
}

init_cluster() {
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres:postgres "$data"
    if ! runuser -u postgres -- test -w "$data"; then
      echo "The postgres user cannot reach $data (a parent folder is closed to it); choose a folder under /tmp or /var" >&2
      exit 1
    fi
  fi
  chmod 700 "$data"
  as_server_user initdb -D "$data" -U postgres -A trust -E UTF8 --no-locale --no-instructions >/dev/null
  # Written to the auto.conf so `status` and a later `start` know the settings without flags.
  cat >>"$data/postgresql.auto.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$data'
max_connections = 200
shared_buffers = 256MB
EOF
}

# Only the postgres user, with its password over loopback; rewritten on every start, which upgrades a data folder
# that an older version of this script set up to trust loopback.
secure_cluster() {
  grep -q "^password_encryption *= *'scram-sha-256'" "$data/postgresql.auto.conf" ||
    echo "password_encryption = 'scram-sha-256'" >>"$data/postgresql.auto.conf"
  cat >"$data/pg_hba.conf" <<'EOF'
local all postgres              trust
host  all postgres 127.0.0.1/32 scram-sha-256
EOF
}

# Sets the password from $password_file (through stdin, so it never shows in a process list).
set_password() {
  echo "ALTER ROLE postgres PASSWORD '$(password)'" | local_psql -f - >/dev/null
}

start() {
  if is_running; then
    # Perhaps started by an older version of this script: secure it without a restart.
    port=$(connection_string | sed 's/.*Port=\([0-9]*\).*/\1/')
    secure_cluster
    as_server_user pg_ctl reload -D "$data" >/dev/null
    set_password
    connection_string
    return
  fi
  ensure_binaries
  if [[ ! -f $data/PG_VERSION ]]; then
    if [[ -n $(ls -A "$data") ]]; then
      echo "$data is neither empty nor a PostgreSQL data folder; refusing to touch it" >&2
      exit 1
    fi
    init_cluster
  elif $port_given; then
    sed -i "s/^port *=.*/port = $port/" "$data/postgresql.auto.conf"
  fi
  secure_cluster
  port=$(connection_string | sed 's/.*Port=\([0-9]*\).*/\1/')
  # pg_ctl -w polls until the server accepts connections, up to the -t deadline.
  if ! as_server_user pg_ctl start -D "$data" -l "$data/server.log" -w -t 60 >/dev/null; then
    echo "PostgreSQL did not start; last lines of $data/server.log:" >&2
    tail -n 20 "$data/server.log" >&2 || true
    exit 1
  fi
  set_password
  local_psql -c "SELECT 1 FROM pg_database WHERE datname = 'orleanscluster'" | grep -q 1 ||
    local_psql -c "CREATE DATABASE orleanscluster" >/dev/null
  connection_string
}

stop() {
  if is_running; then
    as_server_user pg_ctl stop -D "$data" -m fast -w >/dev/null
  fi
  echo "stopped"
}

status() {
  if is_running; then
    connection_string
  else
    echo "not running" >&2
    exit 3
  fi
}

case $command in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
