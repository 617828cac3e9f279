#!/usr/bin/env bash
# scripts/services/postgres.sh: a private PostgreSQL server on 127.0.0.1 for tunelab's tests
# and benchmarks (Debian 12, no systemd needed, run as root).
#
#   bash scripts/services/postgres.sh start    install postgresql-15 if missing, initdb once, start, create role + db
#   bash scripts/services/postgres.sh stop     stop our server (the PID in our own postmaster.pid only)
#   bash scripts/services/postgres.sh status   exit 0 when running, 3 when not
#   bash scripts/services/postgres.sh env      print the export line to eval: TUNELAB_TEST_POSTGRES_URL
#   bash scripts/services/postgres.sh psql ... psql as the test user over TCP
#
# Every subcommand is idempotent: start on a running server re-checks it, stop on a stopped
# one does nothing. The server listens on 127.0.0.1 only (and on a unix socket inside its
# state dir); it never uses Debian's cluster 15/main or anything under /etc.
#
# Settings (environment):
#   TUNELAB_PG_DIR       state dir (data, socket, log)    default /tmp/tunelab-postgres
#   TUNELAB_PG_PORT      TCP port on 127.0.0.1            default 55439
#   TUNELAB_PG_DB / TUNELAB_PG_USER / TUNELAB_PG_PASSWORD default tunelab / tunelab / tunelab_test
#   TUNELAB_PG_DURABLE=1 keep fsync and synchronous commits on (off by default: a test server)
set -euo pipefail

DIR=${TUNELAB_PG_DIR:-/tmp/tunelab-postgres}
PORT=${TUNELAB_PG_PORT:-55439}
DB=${TUNELAB_PG_DB:-tunelab}
ROLE=${TUNELAB_PG_USER:-tunelab}
PASSWORD=${TUNELAB_PG_PASSWORD:-tunelab_test}
DURABLE=${TUNELAB_PG_DURABLE:-0}
VERSION=15
BIN=/usr/lib/postgresql/$VERSION/bin
DATA=$DIR/data
SOCKETS=$DIR/sockets
LOG=$DIR/server.log

log() { printf 'postgres.sh: %s\n' "$*"; }
fail() { printf 'postgres.sh: error: %s\n' "$*" >&2; exit 1; }
url() { printf 'postgresql://%s:%s@127.0.0.1:%s/%s' "$ROLE" "$PASSWORD" "$PORT" "$DB"; }
# The postgres OS user cannot enter a root-only working directory, so every command it runs
# starts from /.
as_postgres() { (cd / && runuser -u postgres -- "$@"); }
superuser_sql() { as_postgres "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKETS" -p "$PORT" -U postgres -d postgres "$@"; }

# A PID counts as running when it is a postgres process and not a zombie (without systemd,
# PID 1 may reap an exited daemon a second or two late).
is_running() {
  [[ $(cat "/proc/$1/comm" 2>/dev/null) == postgres ]] || return 1
  [[ $(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) != Z ]]
}
server_pid() {
  local pid
  [[ -s $DATA/postmaster.pid ]] || return 1
  pid=$(head -n 1 "$DATA/postmaster.pid" | tr -cd '0-9')
  [[ -n $pid ]] && is_running "$pid" && echo "$pid"
}

install_if_missing() {
  [[ -x $BIN/postgres && -x $BIN/initdb && -x $BIN/pg_ctl && -x $BIN/psql ]] && return 0
  [[ $(id -u) == 0 ]] || fail "postgresql-$VERSION is missing and installing it needs root"
  log "installing postgresql-$VERSION (apt-get)"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  # Debian's postinst creates the cluster 15/main; without systemd it is not started, and this
  # script never touches it.
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "postgresql-$VERSION" "postgresql-client-$VERSION" >/dev/null
}

write_config() {
  local conf
  conf=$(mktemp)
  {
    echo "# written by tunelab scripts/services/postgres.sh on each start"
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $PORT"
    echo "unix_socket_directories = '$SOCKETS'"
    echo "max_connections = 200"
    if [[ $DURABLE != 1 ]]; then
      echo "# a test server: a crash may lose the last commits (TUNELAB_PG_DURABLE=1 keeps them)"
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
  } >"$conf"
  install -o postgres -g postgres -m 600 "$conf" "$DATA/tunelab.conf"
  grep -qx "include_if_exists = 'tunelab.conf'" "$DATA/postgresql.conf" ||
    echo "include_if_exists = 'tunelab.conf'" >>"$DATA/postgresql.conf"
  # Passwords over TCP from loopback only; the superuser only through our own socket.
  printf '%s\n' "# written by tunelab scripts/services/postgres.sh" \
    "local all postgres peer" \
    "local all all scram-sha-256" \
    "host all all 127.0.0.1/32 scram-sha-256" >"$conf"
  install -o postgres -g postgres -m 600 "$conf" "$DATA/pg_hba.conf"
  rm -f "$conf"
}

check_loopback_only() {
  local pid=$1 outside
  outside=$(ss -ltnpH | grep "pid=$pid," | awk '$4 !~ /^127\./ { print $4 }' || true)
  if [[ -n $outside ]]; then
    stop_server
    fail "the server listened on a non-loopback address ($outside); stopped it"
  fi
}

start_server() {
  [[ $(id -u) == 0 ]] || fail "start runs as root (it runs the server as the postgres OS user)"
  install_if_missing
  id postgres >/dev/null 2>&1 || fail "no postgres OS user (Debian's postgresql-common creates it)"
  install -d -o postgres -g postgres -m 700 "$DIR" "$SOCKETS"
  if [[ ! -s $DATA/PG_VERSION ]]; then
    log "initdb $DATA"
    as_postgres "$BIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=peer --auth-host=scram-sha-256 >"$DIR/initdb.log" 2>&1 ||
      fail "initdb failed; see $DIR/initdb.log"
  fi
  write_config
  local pid
  if pid=$(server_pid); then
    log "already running (pid $pid); reloading its configuration"
    as_postgres "$BIN/pg_ctl" -D "$DATA" reload >/dev/null
  else
    if ss -ltnH "sport = :$PORT" | grep -q .; then
      fail "port $PORT on this machine is taken by another program; set TUNELAB_PG_PORT"
    fi
    as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null ||
      { tail -n 20 "$LOG" >&2; fail "pg_ctl start failed (log: $LOG)"; }
    pid=$(server_pid) || fail "the server did not write $DATA/postmaster.pid"
    log "started (pid $pid)"
  fi
  superuser_sql -v role="$ROLE" -v password="$PASSWORD" -v db="$DB" <<'SQL'
SET client_min_messages = warning;
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role')
\gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'role', :'password')
\gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db')
\gexec
SQL
  # Prove that the test user can log in over TCP with its password.
  PGPASSWORD=$PASSWORD "$BIN/psql" -X -At -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d "$DB" -c 'SELECT 1' >/dev/null ||
    fail "cannot log in as $ROLE over 127.0.0.1:$PORT"
  check_loopback_only "$pid"
  log "ready on 127.0.0.1:$PORT, database $DB (eval \"\$(bash $0 env)\" for TUNELAB_TEST_POSTGRES_URL)"
}

stop_server() {
  local pid i
  if ! pid=$(server_pid); then
    log "not running"
    return 0
  fi
  as_postgres "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do is_running "$pid" || break; sleep 0.1; done
  is_running "$pid" && fail "pid $pid is still running after 10 s"
  log "stopped (pid $pid)"
}

case ${1:-} in
  start) start_server ;;
  stop) stop_server ;;
  status)
    if pid=$(server_pid); then log "running (pid $pid) on 127.0.0.1:$PORT"; else log "not running"; exit 3; fi
    ;;
  env) echo "export TUNELAB_TEST_POSTGRES_URL=$(url)" ;;
  psql) shift; PGPASSWORD=$PASSWORD exec "$BIN/psql" -X -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d "$DB" "$@" ;;
  *) sed -n '2,20p' "$0" >&2; exit 2 ;;
esac
