#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for the tests that submit jobs (and for trying `--executor slurm`):
# munged, slurmctld and slurmd, all on localhost, with one partition `debug` holding every CPU and most of the
# memory, and job accounting (slurmdbd on a MariaDB server), so that `sacct` answers as on a real cluster. CI starts
# it before `make test` and stops it at the end (.ci/run).
#
#   Scripts/slurm-localhost.sh start   install slurm-wlm, munge, slurmdbd and mariadb-server when missing, write the
#                                      configuration, start the daemons and wait until the node is idle; prints
#                                      `export SLURM_CONF=…`
#   Scripts/slurm-localhost.sh stop    stop the daemons this script started
#
# Everything lives in $STRAINER_SLURM_DIR (default /var/tmp/strainer-slurm): slurm.conf, slurmdbd.conf, state,
# spool, logs, pid files and the accounting database (mysql/); the system's /etc/slurm is left alone, so clients need
# SLURM_CONF pointing at it (as the printed line says).
# Needs root for the daemons (sudo is used when not root). No systemd: the daemons run in the background.
set -euo pipefail

folder=${STRAINER_SLURM_DIR:-/var/tmp/strainer-slurm}
conf="$folder/slurm.conf"
wait_seconds=${STRAINER_SLURM_WAIT:-60}
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

# Installs slurm-wlm and munge with apt-get when one of them is missing (as `make deps` does for the libraries).
install_missing() {
  local missing="" package
  for package in slurm-wlm munge slurmdbd mariadb-server; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
  done
  [ -z "$missing" ] && return
  echo "Installing Debian packages:$missing"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
}

# The cluster's configuration: one node (this machine's CPUs, 95 % of its memory in MB) in one default partition;
# process tracking by /proc and no task binding (no cgroups or systemd needed); accounting through slurmdbd.
write_configuration() {
  local cpus memory
  cpus=$(nproc)
  memory=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.95 }' /proc/meminfo)
  $SUDO mkdir -p "$folder/state" "$folder/spool"
  $SUDO tee "$conf.partial" >/dev/null <<EOF
# Written by Scripts/slurm-localhost.sh: a single-node cluster on localhost.
ClusterName=strainer-localhost
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
SwitchType=switch/none
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
StateSaveLocation=$folder/state
SlurmdSpoolDir=$folder/spool
SlurmctldPidFile=$folder/slurmctld.pid
SlurmdPidFile=$folder/slurmd.pid
SlurmctldLogFile=$folder/slurmctld.log
SlurmdLogFile=$folder/slurmd.log
ReturnToService=2
SlurmdTimeout=30
MinJobAge=60
KillWait=10
DefMemPerCPU=1024
NodeName=localhost NodeHostname=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
  $SUDO mv "$conf.partial" "$conf"
}

# munged with the system's key (created when absent), as the munge user, on its default socket (which Slurm uses);
# one already running is used as it is (and left running by `stop`).
start_munge() {
  if [ ! -s /etc/munge/munge.key ]; then
    $SUDO mkdir -p /etc/munge
    $SUDO dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
    $SUDO chown munge:munge /etc/munge/munge.key
    $SUDO chmod 400 /etc/munge/munge.key
  fi
  $SUDO mkdir -p /run/munge /var/log/munge /var/lib/munge
  $SUDO chown munge:munge /run/munge /var/log/munge /var/lib/munge
  if ! munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then
    $SUDO runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/munged.pid
    $SUDO cp /run/munge/munged.pid "$folder/munged.pid"
  fi
}

# The accounting: a MariaDB server on its default socket (its files in $folder/mysql; one already answering there is
# used as it is, and left running by `stop`), slurmdbd storing into it (as root, by the socket's peer credentials),
# and this cluster registered with it.
start_accounting() {
  if ! $SUDO mariadb -e "select 1" >/dev/null 2>&1; then
    if [ ! -d "$folder/mysql/mysql" ]; then
      $SUDO mkdir -p "$folder/mysql"
      $SUDO mariadb-install-db --datadir="$folder/mysql" --user=root --auth-root-authentication-method=socket --skip-test-db >/dev/null
    fi
    $SUDO mkdir -p /run/mysqld
    $SUDO /usr/sbin/mariadbd --datadir="$folder/mysql" --socket=/run/mysqld/mysqld.sock --pid-file="$folder/mariadbd.pid" \
      --skip-networking --user=root --log-error="$folder/mariadbd.log" >/dev/null 2>&1 &
    for _ in $(seq 1 "$((wait_seconds * 2))"); do $SUDO mariadb -e "select 1" >/dev/null 2>&1 && break; sleep 0.5; done
  fi
  $SUDO tee "$folder/slurmdbd.conf" >/dev/null <<EOF
# Written by Scripts/slurm-localhost.sh: the accounting of the localhost cluster.
AuthType=auth/munge
DbdHost=localhost
SlurmUser=root
LogFile=$folder/slurmdbd.log
PidFile=$folder/slurmdbd.pid
StorageType=accounting_storage/mysql
StorageHost=localhost
StorageUser=root
StorageLoc=strainer_slurm_accounting
EOF
  $SUDO chmod 600 "$folder/slurmdbd.conf"
  # slurmdbd reads the slurmdbd.conf beside the slurm.conf that SLURM_CONF names.
  $SUDO env SLURM_CONF="$conf" /usr/sbin/slurmdbd
  local clusters=""
  for _ in $(seq 1 "$((wait_seconds * 2))"); do
    clusters=$(SLURM_CONF=$conf sacctmgr --noheader --parsable2 list cluster format=cluster 2>/dev/null) && break
    sleep 0.5
  done
  echo "$clusters" | grep -qx strainer-localhost || $SUDO env SLURM_CONF="$conf" sacctmgr --immediate add cluster strainer-localhost >/dev/null
}

# Kills the daemon whose pid file is `$1` (if it runs), waiting up to 10 s for it to end.
stop_daemon() {
  local pidfile=$1 pid
  [ -s "$pidfile" ] || return 0
  pid=$($SUDO cat "$pidfile")
  if $SUDO kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 20); do $SUDO kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
  $SUDO rm -f "$pidfile"
}

start() {
  install_missing
  stop_daemon "$folder/slurmd.pid"
  stop_daemon "$folder/slurmctld.pid"
  stop_daemon "$folder/slurmdbd.pid"
  write_configuration
  start_munge
  start_accounting
  # A cold start (-c): no job of an earlier start of this cluster comes back.
  $SUDO /usr/sbin/slurmctld -c -f "$conf"
  $SUDO /usr/sbin/slurmd -f "$conf" -N localhost
  local state=""
  for _ in $(seq 1 "$((wait_seconds * 2))"); do
    state=$(SLURM_CONF=$conf sinfo --noheader --nodes=localhost --format=%t 2>/dev/null || true)
    [ "$state" = "idle" ] && break
    sleep 0.5
  done
  if [ "$state" != "idle" ]; then
    echo "error: the localhost Slurm node is not idle after ${wait_seconds} s (sinfo says '${state:-nothing}'); see $folder/slurmctld.log and $folder/slurmd.log" >&2
    exit 1
  fi
  echo "Slurm runs on localhost ($(nproc) CPUs, partition debug); for its clients:"
  echo "export SLURM_CONF=$conf"
}

stop() {
  stop_daemon "$folder/slurmd.pid"
  stop_daemon "$folder/slurmctld.pid"
  stop_daemon "$folder/slurmdbd.pid"
  stop_daemon "$folder/mariadbd.pid"
  stop_daemon "$folder/munged.pid"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
