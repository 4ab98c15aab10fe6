#!/usr/bin/env bash
# Makes a local Docker engine and the local test image available; safe to run again and again.
#
#   1. installs Debian's docker.io with apt-get when dockerd is missing;
#   2. starts dockerd in the background when the engine does not answer (log and pid file below), and waits,
#      bounded, until `docker version` answers;
#   3. builds orleanscluster/busybox:local when it is absent: a root filesystem holding Debian's static busybox
#      and its applet links (sh, sleep, httpd, wget, ...), imported with `docker import`.
# Prints the image id last. Never pulls from a registry: no registry is reachable on these machines.
#
#   ORLEANSCLUSTER_DOCKER_LOG      dockerd's log   (default /var/log/orleanscluster-dockerd.log)
#   ORLEANSCLUSTER_DOCKER_TIMEOUT  seconds to wait for the engine (default 60)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

IMAGE=orleanscluster/busybox:local
DOCKERD_LOG=${ORLEANSCLUSTER_DOCKER_LOG:-/var/log/orleanscluster-dockerd.log}
DOCKERD_PID=/var/run/docker.pid
ENGINE_TIMEOUT=${ORLEANSCLUSTER_DOCKER_TIMEOUT:-60}

as_root=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null && sudo -n true 2>/dev/null ||
    fail "installing and starting Docker needs root or passwordless sudo"
  as_root=(sudo -n)
fi

apt() { "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q "$@"; }

engine_answers() { timeout 10 docker version >/dev/null 2>&1; }

# 1. the engine's binaries
if ! command -v dockerd >/dev/null; then
  command -v apt-get >/dev/null || fail "dockerd is missing and apt-get is not available: install Docker and retry"
  say "dockerd not found: installing Debian's docker.io"
  apt update >/dev/null || fail "apt-get update failed"
  apt install -y --no-install-recommends docker.io >/dev/null || fail "apt-get install docker.io failed"
  command -v dockerd >/dev/null || fail "dockerd is still missing after installing docker.io"
fi
command -v docker >/dev/null || fail "the docker client is missing (it comes with docker.io)"

# 2. the engine
if ! engine_answers; then
  pid=$(cat "$DOCKERD_PID" 2>/dev/null || true)
  if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
    say "dockerd (pid $pid) is running but not answering yet: waiting for it"
  else
    say "starting dockerd (log: $DOCKERD_LOG)"
    mkdir -p "$(dirname "$DOCKERD_LOG")"
    "${as_root[@]}" setsid nohup dockerd --pidfile "$DOCKERD_PID" </dev/null >>"$DOCKERD_LOG" 2>&1 &
  fi
  deadline=$((SECONDS + ENGINE_TIMEOUT))
  until engine_answers; do
    if ((SECONDS >= deadline)); then
      tail -n 20 "$DOCKERD_LOG" >&2 || true
      fail "the Docker engine did not answer within ${ENGINE_TIMEOUT}s; log: $DOCKERD_LOG"
    fi
    sleep 0.5
  done
  # `docker version` may answer before the socket is usable by everyone (group docker); the API client connects as root.
fi
say "Docker engine $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"

# 3. the local image
if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
  say "building $IMAGE from Debian's busybox-static"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && apt-get download busybox-static >/dev/null 2>&1) ||
    { apt update >/dev/null && (cd "$work" && apt-get download busybox-static >/dev/null); } ||
    fail "apt-get download busybox-static failed"
  dpkg-deb -x "$work"/busybox-static_*.deb "$work/deb"
  rootfs=$work/rootfs
  mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,root,proc,sys,dev,var/www}
  chmod 1777 "$rootfs/tmp"
  cp "$work/deb/bin/busybox" "$rootfs/bin/busybox"
  # Run inside the rootfs so the links point at /bin/busybox as the container will see it.
  "${as_root[@]}" chroot "$rootfs" /bin/busybox --install -s
  [[ -L $rootfs/bin/sh && $(readlink "$rootfs/bin/sh") == /bin/busybox ]] || fail "busybox --install did not create /bin/sh"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  tar -C "$rootfs" -c . | docker import \
    --change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/sh"]' \
    --message "Debian busybox-static, built by deploy/docker.sh" - "$IMAGE" >/dev/null ||
    fail "docker import failed"
fi
docker image inspect --format '{{.Id}}' "$IMAGE"
