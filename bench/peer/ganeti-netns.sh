#!/usr/bin/env bash
# Real Ganeti 3.0.2 (Debian 12) as the benchmarks' peer: a one-node cluster with the fake hypervisor in the network
# namespace "gnt", set up as /work/shared/notes/ganeti-peer.md describes (gnt-cluster init refuses a loopback node IP,
# hence the namespace and its bridge). Needs root. Every subcommand is idempotent.
#   bench/peer/ganeti-netns.sh install   install the packages (apt)
#   bench/peer/ganeti-netns.sh up        install if needed, create the namespace, init or restart the cluster
#   bench/peer/ganeti-netns.sh down      remove its instances, destroy the cluster, stop the daemons, delete the namespace
#   bench/peer/ganeti-netns.sh status    prints up | down | not-installed; exit 0 only when up
#   bench/peer/ganeti-netns.sh kvm       up, then enable the kvm hypervisor (QEMU under KVM) beside fake and the
#                                        sharedfile disk template, and add node2 (bench/peer/ganeti-node2.sh) for migrations
# Inside the namespace: node1.gnt.test = 10.99.0.1 on br0, cluster1.gnt.test = 10.99.0.100; RAPI on 10.99.0.1:5080
# (admin/s3cret), also reachable from the root namespace through the veth vgh0 (10.99.0.254).
set -euo pipefail

NS=gnt
NODE=node1.gnt.test
CLUSTER=cluster1.gnt.test
STORAGE=/srv/ganeti/file-storage
DEFAULTS=/etc/default/ganeti
MARK="# set by gantry bench/peer/ganeti-netns.sh"
DAEMON_UTIL=/usr/lib/ganeti/daemon-util

log() { echo "ganeti-netns: $*" >&2; }
in_ns() { ip netns exec "$NS" "$@"; }
# A pipe into a matching command that reads it all: `grep -q` exits at the first match, and with pipefail the writer's
# SIGPIPE then makes the whole test false (seen: "ip addr add" of an address already there).
has_line() { grep "$@" >/dev/null; }
ns_exists() { ip netns list 2>/dev/null | awk '{print $1}' | has_line -x "$NS"; }
# Ganeti's own modules (luxi, opcodes) live in /usr/share/ganeti/default, not in dist-packages (only the RAPI client is).
GANETI_PYTHONPATH=/usr/share/ganeti/default
installed() {
  command -v gnt-cluster >/dev/null && [ -x "$DAEMON_UTIL" ] &&
    PYTHONPATH=$GANETI_PYTHONPATH /usr/bin/python3 -c 'import ganeti.luxi, ganeti.rapi.client' 2>/dev/null
}
cluster_exists() { [ -f /var/lib/ganeti/config.data ]; }
# The master answers luxi and RAPI answers HTTPS. (gnt-cluster getmaster only reads ssconf files, so it succeeds with
# every daemon stopped, e.g. after a reboot; gnt-node list goes through luxid.)
cluster_answers() {
  ns_exists && cluster_exists && curl -sk --max-time 5 -o /dev/null https://10.99.0.1:5080/version &&
    in_ns timeout 10 gnt-node list --no-headers -o name >/dev/null 2>&1
}

[ "$(id -u)" = 0 ] || { log "must run as root"; exit 2; }

install() {
  if installed; then return 0; fi
  [ "$(. /etc/os-release && echo "$VERSION_CODENAME")" = bookworm ] || log "warning: not Debian 12; the peer is meant to be Ganeti 3.0.2"
  log "installing ganeti (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends ganeti ganeti-os-noop python3-ganeti-rapi socat curl >&2
  installed || { log "ganeti did not install"; exit 1; }
}

setup_namespace() {
  if ! ns_exists; then
    ip netns add "$NS"
    in_ns ip link set lo up
  fi
  in_ns ip link show br0 >/dev/null 2>&1 || in_ns ip link add br0 type bridge
  # A fixed MAC: a bridge otherwise takes its ports' lowest, which changes when node2's veth leaves (ganeti-node2.sh
  # down), and the root namespace's ARP entry for 10.99.0.1 goes stale — RAPI unreachable for a while.
  in_ns ip link set br0 address 02:99:00:00:00:01
  in_ns ip -4 addr show dev br0 | has_line '10\.99\.0\.1/' || in_ns ip addr add 10.99.0.1/24 dev br0
  in_ns ip link set br0 up
  # veth to the root namespace, so RAPI on 10.99.0.1 answers there too.
  if ! ip link show vgh0 >/dev/null 2>&1; then
    ip link add vgh0 type veth peer name vgn0 netns "$NS"
  fi
  in_ns ip link set vgn0 master br0 up
  ip -4 addr show dev vgh0 | has_line '10\.99\.0\.254/' || ip addr add 10.99.0.254/24 dev vgh0
  ip link set vgh0 up
  mkdir -p "/etc/netns/$NS"
  printf '127.0.0.1 localhost\n10.99.0.1 %s node1 %s\n10.99.0.100 %s cluster1\n' "$NODE" "$(hostname)" "$CLUSTER" >"/etc/netns/$NS/hosts"
  mkdir -p "$STORAGE"
  touch /etc/ganeti/file-storage-paths
  grep -qx "$STORAGE" /etc/ganeti/file-storage-paths || echo "$STORAGE" >>/etc/ganeti/file-storage-paths
  # RAPI binds to the bridge address (the package default is 127.0.0.1); read when the daemons start.
  if ! grep -q "^RAPI_ARGS=\"-b 10.99.0.1 " "$DEFAULTS" 2>/dev/null; then
    [ -f "$DEFAULTS.gantry-orig" ] || cp -p "$DEFAULTS" "$DEFAULTS.gantry-orig" 2>/dev/null || true
    { grep -v -e '^RAPI_ARGS=' -e "^$MARK\$" "$DEFAULTS" 2>/dev/null || true; } >"$DEFAULTS.new"
    printf '%s\nRAPI_ARGS="-b 10.99.0.1 --require-authentication"\n' "$MARK" >>"$DEFAULTS.new"
    mv -f "$DEFAULTS.new" "$DEFAULTS"
  fi
}

up() {
  install
  setup_namespace
  if cluster_answers; then
    log "already up"
  elif cluster_exists; then # e.g. after a reboot, or a daemon died
    log "cluster exists; starting its daemons"
    start_daemons
  else
    log "gnt-cluster init (about 10 s)"
    in_ns gnt-cluster init --enabled-hypervisors=fake --enabled-disk-templates=diskless,file \
      --file-storage-dir="$STORAGE" --master-netdev=br0 --no-ssh-init --no-etc-hosts \
      --nic-parameters=mode=bridged,link=br0 "$CLUSTER" >&2
  fi
  mkdir -p /var/lib/ganeti/rapi
  printf 'admin s3cret write\nreader r34d\n' >/var/lib/ganeti/rapi/users # RAPI re-reads it live
  local deadline=$((SECONDS + 60))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if cluster_answers; then
      log "up: $(in_ns gnt-cluster version | head -1)"
      return 0
    fi
    sleep 0.5
  done
  log "the cluster does not answer; see /var/log/ganeti/"
  exit 1
}

# daemon-util start-all fails on a daemon that already runs; check-and-start each one instead. (ganeti-kvmd exits at
# once when KVM is not enabled, so it never counts as started.)
# Stale pid files (daemons killed, e.g. when the session that started them ended) make start-stop-daemon refuse to
# start ("matching only on non-root pidfile ... is insecure"), so drop those whose process is gone first.
start_daemons() {
  local d pidfile
  for pidfile in /var/run/ganeti/*.pid; do
    [ -f "$pidfile" ] || continue
    kill -0 "$(cat "$pidfile" 2>/dev/null)" 2>/dev/null || rm -f "$pidfile"
  done
  for d in $(in_ns "$DAEMON_UTIL" list-start-daemons); do
    in_ns "$DAEMON_UTIL" check-and-start "$d" >&2 || log "warning: $d did not start"
  done
}

remove_instances() {
  local names
  names=$(in_ns gnt-instance list --no-headers -o name 2>/dev/null || true)
  [ -n "$names" ] || return 0
  log "removing $(wc -w <<<"$names") instance(s)"
  local jobs=()
  for name in $names; do
    jobs+=("$(in_ns gnt-instance remove --submit -f --shutdown-timeout=0 "$name" | awk '/JobID/ {print $2}')")
  done
  for id in "${jobs[@]}"; do in_ns gnt-job wait "$id" >/dev/null 2>&1 || true; done
}

down() {
  local answers=false
  if ns_exists && cluster_exists; then
    start_daemons 2>/dev/null || true
    if cluster_answers; then
      answers=true
      remove_instances # first: Ganeti refuses to remove node2 while an instance is on it
    fi
  fi
  "$(dirname "$0")/ganeti-node2.sh" down # the cluster cannot be destroyed with a second node in it
  if $answers; then
    log "gnt-cluster destroy"
    in_ns gnt-cluster destroy --yes-do-it >&2 || log "destroy failed; stopping the daemons anyway"
  fi
  if ns_exists; then
    in_ns "$DAEMON_UTIL" stop-all >/dev/null 2>&1 || true
  elif [ -x "$DAEMON_UTIL" ]; then
    "$DAEMON_UTIL" stop-all >/dev/null 2>&1 || true
  fi
  ip link del vgh0 2>/dev/null || true
  if ns_exists; then ip netns del "$NS"; fi
  rm -rf "/etc/netns/$NS"
  rm -f /var/lib/ganeti/rapi/users
  if [ -f "$DEFAULTS.gantry-orig" ]; then mv -f "$DEFAULTS.gantry-orig" "$DEFAULTS"; fi
  if cluster_exists; then log "warning: /var/lib/ganeti/config.data is still there (destroy failed)"; exit 1; fi
  log "down"
}

# Ganeti's kvm hypervisor for guests without an OS: no kernel (kernel_path "" boots SeaBIOS), VNC on every address of
# the node, and an ipolicy that allows instances without NICs or disks (its default minimum is one of each), so a
# 128 MiB guest with no NIC runs as it does on Gantry's side ("No bootable device" on its VNC screen). sharedfile disks
# live in /srv/ganeti/shared-file-storage, which both nodes see.
SHARED_STORAGE=/srv/ganeti/shared-file-storage
kvm() {
  up
  [ -e /dev/kvm ] || log "warning: no /dev/kvm; QEMU falls back to TCG"
  command -v qemu-system-x86_64 >/dev/null || {
    log "installing qemu-system-x86 (apt)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends qemu-system-x86 >&2
  }
  mkdir -p "$SHARED_STORAGE"
  grep -qx "$SHARED_STORAGE" /etc/ganeti/file-storage-paths || echo "$SHARED_STORAGE" >>/etc/ganeti/file-storage-paths
  log "enabling the kvm hypervisor and sharedfile disks" # idempotent
  in_ns gnt-cluster modify --enabled-hypervisors=fake,kvm --enabled-disk-templates=diskless,file,sharedfile \
    --shared-file-storage-dir="$SHARED_STORAGE" --ipolicy-disk-templates=diskless,file,sharedfile \
    -H kvm:kernel_path=,initrd_path=,vnc_bind_address=0.0.0.0 \
    --ipolicy-bounds-specs min:cpu-count=1,disk-count=0,disk-size=0,memory-size=128,nic-count=0,spindle-use=0/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=8,spindle-use=12 >&2
  "$(dirname "$0")/ganeti-node2.sh" up
}

status() {
  if ! installed; then
    echo not-installed
    return 3
  fi
  if cluster_answers; then
    echo up
    return 0
  fi
  echo down
  return 1
}

case "${1:-}" in
  install) install ;;
  up) up ;;
  down) down ;;
  status) status ;;
  kvm) kvm ;;
  *)
    echo "usage: $0 install|up|down|status|kvm" >&2
    exit 2
    ;;
esac
