#!/usr/bin/env bash
# scripts/services/redis.sh: a private Redis server on 127.0.0.1 for tunelab's tests and
# benchmarks (Debian 12, no systemd needed, run as root).
#
#   bash scripts/services/redis.sh start          install redis-server if missing, start it
#   bash scripts/services/redis.sh stop           stop our server (the PID in our own PID file only)
#   bash scripts/services/redis.sh status         exit 0 when running, 3 when not
#   bash scripts/services/redis.sh env            print the export line to eval: TUNELAB_TEST_REDIS_URL
#   bash scripts/services/redis.sh python-client  install Debian's python3-redis if missing (the
#                                                 interop test runs Optuna's JournalRedisStorage)
#
# Every subcommand is idempotent. The server binds 127.0.0.1 only, keeps nothing on disk
# (no RDB snapshots, no AOF: a test server), and never uses /etc/redis or Debian's service.
#
# Settings (environment):
#   TUNELAB_REDIS_DIR   state dir (config, PID file, log)  default /tmp/tunelab-redis
#   TUNELAB_REDIS_PORT  TCP port on 127.0.0.1              default 16389
set -euo pipefail

DIR=${TUNELAB_REDIS_DIR:-/tmp/tunelab-redis}
PORT=${TUNELAB_REDIS_PORT:-16389}
PIDFILE=$DIR/redis.pid

log() { printf 'redis.sh: %s\n' "$*"; }
fail() { printf 'redis.sh: error: %s\n' "$*" >&2; exit 1; }
url() { printf 'redis://127.0.0.1:%s/0' "$PORT"; }

# A PID counts as running when it is redis-server and not a zombie waiting for PID 1.
is_running() {
  [[ $(cat "/proc/$1/comm" 2>/dev/null) == redis-server ]] || return 1
  [[ $(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) != Z ]]
}
server_pid() {
  local pid
  [[ -s $PIDFILE ]] || return 1
  pid=$(tr -cd '0-9' <"$PIDFILE")
  [[ -n $pid ]] && is_running "$pid" && echo "$pid"
}

apt_install() {
  [[ $(id -u) == 0 ]] || fail "$* is missing and installing it needs root"
  log "installing $* (apt-get)"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  # Without systemd, Debian's policy-rc.d keeps the packaged service (port 6379) from starting.
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "$@" >/dev/null
}

start_server() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null || apt_install redis-server
  mkdir -p "$DIR"
  chmod 700 "$DIR"
  local pid i outside
  if pid=$(server_pid); then
    log "already running (pid $pid)"
  else
    if ss -ltnH "sport = :$PORT" | grep -q .; then
      fail "port $PORT on this machine is taken by another program; set TUNELAB_REDIS_PORT"
    fi
    printf '%s\n' "# written by tunelab scripts/services/redis.sh" \
      "bind 127.0.0.1" "port $PORT" "protected-mode yes" "daemonize yes" \
      "pidfile $PIDFILE" "logfile $DIR/server.log" "dir $DIR" \
      'save ""' "appendonly no" >"$DIR/redis.conf"
    redis-server "$DIR/redis.conf" </dev/null >/dev/null
    for ((i = 0; i < 200; i++)); do
      [[ $(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null) == PONG ]] && pid=$(server_pid) && break
      sleep 0.05
    done
    [[ -n ${pid:-} ]] || { tail -n 20 "$DIR/server.log" >&2; fail "redis-server did not answer PING within 10 s"; }
    log "started (pid $pid)"
  fi
  outside=$(ss -ltnpH | grep "pid=$pid," | awk '$4 !~ /^127\./ { print $4 }' || true)
  if [[ -n $outside ]]; then
    stop_server
    fail "the server listened on a non-loopback address ($outside); stopped it"
  fi
  log "ready on 127.0.0.1:$PORT (eval \"\$(bash $0 env)\" for TUNELAB_TEST_REDIS_URL)"
}

stop_server() {
  local pid i
  if ! pid=$(server_pid); then
    log "not running"
    return 0
  fi
  kill -TERM "$pid"
  for ((i = 0; i < 200; i++)); do is_running "$pid" || break; sleep 0.05; done
  if is_running "$pid"; then
    log "pid $pid still running after 10 s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
  log "stopped (pid $pid)"
}

case ${1:-} in
  start) start_server ;;
  stop) stop_server ;;
  status)
    if pid=$(server_pid); then log "running (pid $pid) on 127.0.0.1:$PORT"; else log "not running"; exit 3; fi
    ;;
  env) echo "export TUNELAB_TEST_REDIS_URL=$(url)" ;;
  python-client)
    /usr/bin/python3 -c 'import redis' 2>/dev/null && { log "python3-redis already installed"; exit 0; }
    apt_install python3-redis
    ;;
  *) sed -n '2,18p' "$0" >&2; exit 2 ;;
esac
