#!/usr/bin/env bash
# A Docker daemon and the registry tools for the e2e tests (issue 5), on a Debian machine
# where we are root. Idempotent: installs only what is missing, starts dockerd only when no
# daemon answers.
#
#   bash .ci/services/docker.sh
#
# Installs Debian's docker.io (dockerd + client), docker-registry (the CNCF distribution
# registry the tests spawn per test file) and apache2-utils (htpasswd). Then starts
#   dockerd --iptables=false --bridge=none --storage-driver=vfs
# in the background (log: $DOCKERD_LOG, default /var/log/pyship-dockerd.log) and waits until
# `docker info` answers. The daemon listens on the default socket unix:///var/run/docker.sock,
# so every docker client on PATH (also a client-only /usr/local/bin/docker) talks to it.
set -euo pipefail

DOCKERD_LOG="${DOCKERD_LOG:-/var/log/pyship-dockerd.log}"
DOCKERD_TIMEOUT="${DOCKERD_TIMEOUT:-60}"
DOCKERD=/usr/sbin/dockerd
# The daemon is the default unix socket: a DOCKER_HOST/DOCKER_CONTEXT from the environment
# would make `docker` talk to something else.
unset DOCKER_HOST DOCKER_CONTEXT

# --- packages --------------------------------------------------------------------------
APT_PACKAGES=(docker.io docker-registry apache2-utils)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Packages must not start their own services (docker.io's init script would start a
  # dockerd with iptables and a bridge, docker-registry one on :5000): a policy-rc.d that
  # refuses, unless the machine already has one.
  own_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    own_policy=1
  fi
  trap '[ -z "$own_policy" ] || rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ -z "$own_policy" ] || rm -f /usr/sbin/policy-rc.d
  trap - EXIT
fi
for bin in "$DOCKERD" /usr/bin/docker /usr/bin/docker-registry /usr/bin/htpasswd; do
  [ -x "$bin" ] || { echo "docker.sh: $bin is missing after installing ${APT_PACKAGES[*]}" >&2; exit 1; }
done

# --- daemon ----------------------------------------------------------------------------
# Debian's client: it is the daemon's own version. A newer client first on PATH (e.g. a
# client-only /usr/local/bin/docker) negotiates the API version down and works too.
DOCKER=/usr/bin/docker

if "$DOCKER" info >/dev/null 2>&1; then
  echo "a docker daemon already answers"
else
  mkdir -p "$(dirname "$DOCKERD_LOG")"
  echo "starting: $DOCKERD --iptables=false --bridge=none --storage-driver=vfs (log: $DOCKERD_LOG)"
  # A stale pid file from a daemon that died keeps the next one from starting.
  if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    rm -f /var/run/docker.pid
  fi
  started=$(date +%s%N)
  nohup setsid "$DOCKERD" --iptables=false --bridge=none --storage-driver=vfs \
    >>"$DOCKERD_LOG" 2>&1 </dev/null &
  dockerd_pid=$!
  deadline=$(($(date +%s) + DOCKERD_TIMEOUT))
  until "$DOCKER" info >/dev/null 2>&1; do
    if ! kill -0 "$dockerd_pid" 2>/dev/null; then
      echo "docker.sh: dockerd (pid $dockerd_pid) exited; last lines of $DOCKERD_LOG:" >&2
      tail -n 40 "$DOCKERD_LOG" >&2 || true
      exit 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "docker.sh: dockerd (pid $dockerd_pid) did not answer 'docker info' within ${DOCKERD_TIMEOUT}s; last lines of $DOCKERD_LOG:" >&2
      tail -n 40 "$DOCKERD_LOG" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
  echo "dockerd (pid $dockerd_pid) answers after $(( ($(date +%s%N) - started) / 1000000 )) ms"
fi

"$DOCKER" version
if [ "$(command -v docker)" != "$DOCKER" ]; then
  echo "docker on PATH is $(command -v docker):"
  docker version --format 'client {{.Client.Version}} (API {{.Client.APIVersion}}) -> server {{.Server.Version}} (API {{.Server.APIVersion}})'
fi
if docker buildx version >/dev/null 2>&1; then
  echo "buildx: $(docker buildx version)"
else
  echo "buildx: not installed (pyship falls back to 'docker build')"
fi
/usr/bin/docker-registry --version
