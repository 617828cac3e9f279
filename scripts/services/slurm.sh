#!/usr/bin/env bash
# scripts/services/slurm.sh: a one-node SLURM cluster on 127.0.0.1 for tunelab's tests of
# `tunelab slurm` (Debian 12, run as root, no systemd needed).
#
#   bash scripts/services/slurm.sh start    install the Debian packages if missing, start munged,
#                                           slurmctld and slurmd, wait until the node is idle and
#                                           the scheduler has run once (about 4 s once installed)
#   bash scripts/services/slurm.sh stop     cancel the cluster's jobs, stop the daemons (the PIDs in
#                                           our own PID files only)
#   bash scripts/services/slurm.sh status   exit 0 when running (prints sinfo and squeue), 3 when not
#   bash scripts/services/slurm.sh env      print the export lines to eval: SLURM_CONF (for sbatch,
#                                           squeue, ...) and TUNELAB_TEST_SLURM_CONF (for the tests)
#
# Every subcommand is idempotent. The cluster is one node named after `hostname`, with the
# machine's CPUs (`nproc`) and one partition, `debug`; no cgroups (proctrack/linuxproc,
# task/none), no accounting database (sacct is off; `squeue -t all` shows finished jobs for 5
# minutes). Everything it writes is under its state dir: the configuration, a private munge
# key and socket, the controller's state, the spool, PID files and logs. It never writes under
# /etc, never uses Debian's munge key or /run/munge, and stops the cluster if a daemon listens
# on anything but 127.x. Jobs run as root, in their submit directory, with the environment of
# the shell that submitted them.
#
# Settings (environment):
#   TUNELAB_SLURM_DIR          state dir                           default /tmp/tunelab-slurm
#   TUNELAB_SLURM_CTLD_PORT    slurmctld's TCP port on 127.0.0.1   default 16817
#   TUNELAB_SLURM_SLURMD_PORT  slurmd's TCP port on 127.0.0.1      default 16818
#   TUNELAB_SLURM_CPUS         CPUs of the node                    default nproc (more oversubscribes)
#   TUNELAB_SLURM_MEM_MB       RealMemory of the node, in MB       default 1024
set -euo pipefail

DIR=${TUNELAB_SLURM_DIR:-/tmp/tunelab-slurm}
CTLD_PORT=${TUNELAB_SLURM_CTLD_PORT:-16817}
SLURMD_PORT=${TUNELAB_SLURM_SLURMD_PORT:-16818}
MEM_MB=${TUNELAB_SLURM_MEM_MB:-1024}
NODE=$(hostname)
CONF=$DIR/etc/slurm.conf
MUNGE_KEY=$DIR/munge/munge.key
MUNGE_SOCKET=$DIR/munge-socket/munge.socket.2
MUNGE_PIDFILE=$DIR/munge/munged.pid
CTLD_PIDFILE=$DIR/run/slurmctld.pid
SLURMD_PIDFILE=$DIR/run/slurmd.pid
SPOOL=$DIR/spool
# Debian's packages, without the slurm-wlm metapackage (it pulls in about 45 more: hdf5, rrd,
# ipmi and influxdb plugins that a one-node test cluster does not use).
PACKAGES=(slurmctld slurmd slurm-client munge)
export SLURM_CONF=$CONF

log() { printf 'slurm.sh: %s\n' "$*"; }
fail() { printf 'slurm.sh: error: %s\n' "$*" >&2; exit 1; }
seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# A PID counts as running when its command is $2 and it is not a zombie: without systemd, PID 1
# reaps an exited daemon a second or two late, and `kill -0` still succeeds on a zombie.
is_running() {
  [[ $(cat "/proc/$1/comm" 2>/dev/null) == "$2" ]] || return 1
  [[ $(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) != Z ]]
}
# pid_from PIDFILE COMM: the PID in our PID file, when that process runs.
pid_from() {
  local pid
  [[ -s $1 ]] || return 1
  pid=$(tr -cd '0-9' <"$1")
  [[ -n $pid ]] && is_running "$pid" "$2" && echo "$pid"
}
# stop_pid PID COMM: TERM, then KILL after 30 s (the command is checked again before KILL).
stop_pid() {
  local pid=$1 comm=$2 i
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do is_running "$pid" "$comm" || { log "stopped $comm (pid $pid)"; return 0; }; sleep 0.1; done
  log "$comm (pid $pid) still running after 30 s; sending KILL"
  if is_running "$pid" "$comm"; then kill -KILL "$pid" 2>/dev/null || true; fi
}
stop_pidfile() {
  local pid
  if pid=$(pid_from "$1" "$2"); then stop_pid "$pid" "$2"; else log "$2 not running"; fi
  rm -f "$1"
}
# descendants PID: every live process below PID (from one ps snapshot).
descendants() {
  ps -eo pid=,ppid= | awk -v root="$1" '
    { children[$2] = children[$2] " " $1 }
    END {
      n = 1; queue[1] = root
      for (i = 1; i <= n; i++) {
        m = split(children[queue[i]], c, " ")
        for (j = 1; j <= m; j++) { queue[++n] = c[j]; print c[j] }
      }
    }'
}
port_taken() { ss -ltnH "sport = :$1" | grep -q .; }

install_if_missing() {
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null &&
    command -v munged >/dev/null; then
    return 0
  fi
  [[ $(id -u) == 0 ]] || fail "SLURM is not installed and installing it needs root"
  local t0
  t0=$(date +%s.%N)
  log "installing ${PACKAGES[*]} (apt-get)"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  # Without systemd, Debian's policy-rc.d keeps the packaged munge and slurm services from
  # starting; this script uses none of them.
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${PACKAGES[@]}" >/dev/null
  log "installed in $(seconds_since "$t0") s"
}

# The daemons bind to the address the host name resolves to (NoInAddrAny below): it must be
# a loopback address, or they would listen on the network.
check_hostname() {
  local address
  address=$(getent ahostsv4 "$NODE" | awk 'NR == 1 { print $1 }')
  [[ $address == 127.* ]] ||
    fail "the host name '$NODE' resolves to '${address:-nothing}', not 127.x; add '127.0.0.1 $NODE' to /etc/hosts"
}

write_config() {
  local cpus topology overrides=""
  cpus=${TUNELAB_SLURM_CPUS:-$(nproc)}
  if [[ $cpus == "$(nproc)" ]]; then
    # The real layout, e.g. "Boards=1 SocketsPerBoard=1 CoresPerSocket=2 ThreadsPerCore=1";
    # slurmd drains a node whose declared layout differs from the machine's.
    topology=$(slurmd -C 2>/dev/null | head -n 1 |
      grep -o 'Boards=[0-9]* SocketsPerBoard=[0-9]* CoresPerSocket=[0-9]* ThreadsPerCore=[0-9]*' || true)
  fi
  if [[ -z ${topology:-} ]]; then
    topology="Sockets=1 CoresPerSocket=$cpus ThreadsPerCore=1"
    [[ $cpus == "$(nproc)" ]] || overrides="SlurmdParameters=config_overrides"
  fi
  mkdir -p "$DIR/etc"
  cat >"$CONF.new" <<EOF
# written by tunelab scripts/services/slurm.sh on each start: one node on 127.0.0.1
ClusterName=tunelab
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
# bind to the address of the host name (127.0.0.1), not to every interface; slurmctld needs
# NoCtldInAddrAny, slurmd NoInAddrAny
CommunicationParameters=NoCtldInAddrAny,NoInAddrAny
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$MUNGE_SOCKET
StateSaveLocation=$DIR/ctld
SlurmdSpoolDir=$SPOOL
SlurmctldPidFile=$CTLD_PIDFILE
SlurmdPidFile=$SLURMD_PIDFILE
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# no cgroups: processes are tracked by parent PID, tasks are not bound to CPUs
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
# Slurm's default (3 s) makes each freed slot of an array wait about 3 s for its next task
SchedulerParameters=batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
# seconds between the SIGTERM of a cancelled or timed-out job and its SIGKILL
KillWait=10
Waittime=0
# finished jobs stay visible to squeue -t all and scontrol for 5 minutes
MinJobAge=300
MaxArraySize=10001
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
$overrides
NodeName=$NODE NodeAddr=127.0.0.1 NodeHostname=$NODE CPUs=$cpus $topology RealMemory=$MEM_MB State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
  mv "$CONF.new" "$CONF"
}

start_munge() {
  local pid i
  mkdir -p "$DIR/munge" "$DIR/munge-socket"
  chmod 700 "$DIR/munge"
  # munged refuses a socket directory that is not searchable by everyone
  chmod 755 "$DIR/munge-socket"
  if [[ ! -s $MUNGE_KEY ]]; then
    (umask 077 && dd if=/dev/urandom of="$MUNGE_KEY" bs=1024 count=1 status=none)
  fi
  chmod 400 "$MUNGE_KEY"
  if pid=$(pid_from "$MUNGE_PIDFILE" munged); then return 0; fi
  munged --key-file="$MUNGE_KEY" --socket="$MUNGE_SOCKET" --pid-file="$MUNGE_PIDFILE" \
    --log-file="$DIR/munge/munged.log" --seed-file="$DIR/munge/munged.seed" </dev/null
  for ((i = 0; i < 100; i++)); do
    munge -S "$MUNGE_SOCKET" -n 2>/dev/null | unmunge -S "$MUNGE_SOCKET" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  fail "munged did not answer within 10 s; see $DIR/munge/munged.log"
}

# Waits until the node is idle (registered by the slurmd started at epoch second $1, or by any
# when $1 is 0: after a restart slurmctld reports the saved state before slurmd registers) and
# the scheduler has run its first cycle (about 3 s after slurmctld starts; a job submitted
# earlier waits for it).
wait_ready() {
  local launched=$1 i state since
  for ((i = 0; i < 600; i++)); do
    state=$(sinfo -h -n "$NODE" -o '%T' 2>/dev/null || true)
    case $state in
      idle | mixed | allocated)
        since=$(scontrol -o show node "$NODE" 2>/dev/null | grep -o 'SlurmdStartTime=[^ ]*' | cut -d= -f2)
        if [[ $launched == 0 ]] || { [[ $since == 20* ]] && (($(date -d "$since" +%s) >= launched - 1)); }; then
          if [[ $(sdiag 2>/dev/null | awk '/Main schedule statistics/ { m = 1 } m && /Total cycles:/ { print $3; exit }') -ge 1 ]] 2>/dev/null; then
            return 0
          fi
        fi
        ;;
      down* | drain*) scontrol update nodename="$NODE" state=resume >/dev/null 2>&1 || true ;;
    esac
    sleep 0.1
  done
  sinfo -N -l >&2 || true
  fail "the node did not become idle within 60 s; see $DIR/log/slurmctld.log and $DIR/log/slurmd.log"
}

daemon_pids() {
  local pid
  pid=$(pid_from "$MUNGE_PIDFILE" munged) && echo "$pid"
  pid=$(pid_from "$CTLD_PIDFILE" slurmctld) && echo "$pid"
  pid=$(pid_from "$SLURMD_PIDFILE" slurmd) && echo "$pid"
  return 0
}

check_loopback() {
  local pids outside
  pids=$(daemon_pids | paste -sd '|')
  [[ -n $pids ]] || return 0
  outside=$(ss -ltnpH | grep -E "pid=($pids)," | awk '$4 !~ /^127\./ { print $4 }' || true)
  if [[ -n $outside ]]; then
    stop_cluster
    fail "a daemon listened on a non-loopback address ($outside); stopped the cluster"
  fi
}

start_cluster() {
  [[ $(id -u) == 0 ]] || fail "start needs root (the daemons and the jobs run as root)"
  local t0 launched=0 pid
  t0=$(date +%s.%N)
  install_if_missing
  check_hostname
  pid_from "$CTLD_PIDFILE" slurmctld >/dev/null || ! port_taken "$CTLD_PORT" ||
    fail "port $CTLD_PORT on this machine is taken by another program; set TUNELAB_SLURM_CTLD_PORT"
  pid_from "$SLURMD_PIDFILE" slurmd >/dev/null || ! port_taken "$SLURMD_PORT" ||
    fail "port $SLURMD_PORT on this machine is taken by another program; set TUNELAB_SLURM_SLURMD_PORT"
  mkdir -p "$DIR/ctld" "$SPOOL" "$DIR/log" "$DIR/run"
  write_config
  start_munge
  if pid=$(pid_from "$CTLD_PIDFILE" slurmctld); then
    log "slurmctld already running (pid $pid); reloading the configuration"
    scontrol reconfigure >/dev/null || true
  else
    slurmctld -f "$CONF" -i </dev/null # -i: start even if the saved state cannot be read
  fi
  if ! pid_from "$SLURMD_PIDFILE" slurmd >/dev/null; then
    launched=$(date +%s)
    slurmd -f "$CONF" -N "$NODE" </dev/null
  fi
  wait_ready "$launched"
  check_loopback
  log "ready in $(seconds_since "$t0") s: node $NODE, partition debug, slurmctld on 127.0.0.1:$CTLD_PORT (eval \"\$(bash $0 env)\" for SLURM_CONF)"
}

stop_cluster() {
  local ids i stepds pid jobs
  if pid_from "$CTLD_PIDFILE" slurmctld >/dev/null; then
    ids=$(squeue -h -o '%A' 2>/dev/null | sort -u | paste -sd ' ' || true)
    if [[ -n $ids ]]; then
      log "cancelling the cluster's jobs: $ids"
      # shellcheck disable=SC2086
      scancel $ids 2>/dev/null || true
      for ((i = 0; i < 100; i++)); do
        [[ -z $(squeue -h -t PD,R,CG,S,CF,RQ,SO 2>/dev/null) ]] && break
        sleep 0.2
      done
    fi
  fi
  stop_pidfile "$SLURMD_PIDFILE" slurmd
  stop_pidfile "$CTLD_PIDFILE" slurmctld
  # A job step whose slurmd died first keeps its slurmstepd (found by its socket in our spool)
  # and job processes; end the processes below it, then the stepd.
  stepds=$(ss -xlpH 2>/dev/null | grep "$SPOOL/" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u || true)
  for pid in $stepds; do
    is_running "$pid" slurmstepd || continue
    jobs=$(descendants "$pid")
    if [[ -n $jobs ]]; then
      log "ending the job processes left under slurmstepd $pid: $(echo $jobs)"
      # shellcheck disable=SC2086
      kill -TERM $jobs 2>/dev/null || true
      sleep 2
      # shellcheck disable=SC2086
      kill -KILL $jobs 2>/dev/null || true
    fi
    stop_pid "$pid" slurmstepd
  done
  stop_pidfile "$MUNGE_PIDFILE" munged
}

case ${1:-} in
  start) start_cluster ;;
  stop) stop_cluster ;;
  status)
    if pid=$(pid_from "$CTLD_PIDFILE" slurmctld); then
      log "slurmctld running (pid $pid) on 127.0.0.1:$CTLD_PORT"
      pid_from "$SLURMD_PIDFILE" slurmd >/dev/null && log "slurmd running" || log "slurmd not running"
      sinfo -N
      squeue
    else
      log "not running"
      exit 3
    fi
    ;;
  env)
    echo "export SLURM_CONF=$CONF"
    echo "export TUNELAB_TEST_SLURM_CONF=$CONF"
    ;;
  *) sed -n '2,32p' "$0" >&2; exit 2 ;;
esac
