#!/usr/bin/env bash
# A second node for the Ganeti 3.0.2 peer of bench/peer/ganeti-netns.sh, on the same machine, so Ganeti can live-migrate
# kvm guests: node2.gnt.test = 10.99.0.2 in the network namespace "gnt2", joined to gnt's bridge by a veth pair. Ganeti
# keeps its state in fixed paths, so node2 gets its own /var/lib/ganeti, /run/ganeti and /var/log/ganeti (bind mounts
# in a private mount namespace) and its own hostname (a UTS namespace), both held by an sshd on 10.99.0.2 through which
# `gnt-node add` prepares the node and starts its ganeti-noded, as on a real second machine. /etc/ganeti and
# /srv/ganeti (the shared file storage) stay common to both nodes, as a shared file system would be. Needs root.
#   bench/peer/ganeti-node2.sh up     (the cluster in gnt must be up) create the namespace, start sshd, gnt-node add
#   bench/peer/ganeti-node2.sh down   gnt-node remove, stop node2's daemons and sshd, delete the namespace and its state
# Root's SSH key (~/.ssh/id_rsa, which Ganeti's ssh uses) is created when missing, marked, and removed again by down.
set -euo pipefail

NS=gnt
NS2=gnt2
NODE2=node2.gnt.test
IP2=10.99.0.2
ROOT2=/srv/gantry-bench-node2 # node2's private state, mounted over Ganeti's paths in its mount namespace
KEY_MARK=gantry-bench-peer
DAEMON_UTIL=/usr/lib/ganeti/daemon-util

log() { echo "ganeti-node2: $*" >&2; }
in_ns() { ip netns exec "$NS" "$@"; }
has_line() { grep "$@" >/dev/null; } # see ganeti-netns.sh: no `grep -q` at the end of a pipe under pipefail
ns2_exists() { ip netns list 2>/dev/null | awk '{print $1}' | has_line -x "$NS2"; }
sshd_pid() { cat "$ROOT2/sshd.pid" 2>/dev/null || true; }
in_node2() { nsenter -t "$(sshd_pid)" -m -u -n "$@"; } # a command with node2's view of the machine
node2_in_cluster() { in_ns timeout 20 gnt-node list --no-headers -o name 2>/dev/null | has_line -x "$NODE2"; }

[ "$(id -u)" = 0 ] || { log "must run as root"; exit 2; }

root_key() {
  mkdir -p /root/.ssh && chmod 700 /root/.ssh
  [ -f /root/.ssh/id_rsa ] || ssh-keygen -q -t rsa -b 2048 -N '' -C "$KEY_MARK" -f /root/.ssh/id_rsa
  touch /root/.ssh/authorized_keys && chmod 600 /root/.ssh/authorized_keys
  local key
  key=$(cat /root/.ssh/id_rsa.pub)
  grep -qxF "$key" /root/.ssh/authorized_keys || echo "$key $KEY_MARK" >>/root/.ssh/authorized_keys
}

namespace() {
  ns2_exists || { ip netns add "$NS2" && ip netns exec "$NS2" ip link set lo up; }
  if ! ip netns exec "$NS2" ip link show vg2b >/dev/null 2>&1; then
    ip link add vg2a type veth peer name vg2b
    ip link set vg2a netns "$NS"
    ip link set vg2b netns "$NS2"
  fi
  in_ns ip link set vg2a master br0 up
  ip netns exec "$NS2" ip -4 addr show dev vg2b | has_line "${IP2//./\\.}/" || ip netns exec "$NS2" ip addr add "$IP2/24" dev vg2b
  ip netns exec "$NS2" ip link set vg2b up
  # Both nodes resolve each other (ip netns exec mounts /etc/netns/NAME/hosts over /etc/hosts).
  grep -q "$NODE2" "/etc/netns/$NS/hosts" || echo "$IP2 $NODE2 node2" >>"/etc/netns/$NS/hosts"
  mkdir -p "/etc/netns/$NS2"
  { grep -v "$NODE2" "/etc/netns/$NS/hosts"; echo "$IP2 $NODE2 node2"; } >"/etc/netns/$NS2/hosts"
}

start_sshd() {
  if [ -n "$(sshd_pid)" ] && kill -0 "$(sshd_pid)" 2>/dev/null; then return 0; fi
  mkdir -p "$ROOT2/lib" "$ROOT2/run" "$ROOT2/log" /run/ganeti /run/sshd
  cat >"$ROOT2/start.sh" <<EOF
#!/bin/sh
set -e
mount --bind $ROOT2/lib /var/lib/ganeti
mount --bind $ROOT2/run /run/ganeti
mount --bind $ROOT2/log /var/log/ganeti
hostname node2
exec /usr/sbin/sshd -D -e -o ListenAddress=$IP2 -o PidFile=none
EOF
  chmod +x "$ROOT2/start.sh"
  setsid ip netns exec "$NS2" unshare -m -u --propagation private "$ROOT2/start.sh" >"$ROOT2/sshd.log" 2>&1 &
  echo $! >"$ROOT2/sshd.pid" # setsid ... exec chain: the same process ends up as sshd
  local deadline=$((SECONDS + 10))
  until in_ns ssh -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
    "root@$NODE2" true 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || { log "node2's sshd does not answer; see $ROOT2/sshd.log"; exit 1; }
    sleep 0.2
  done
}

up() {
  root_key
  namespace
  start_sshd
  if node2_in_cluster; then
    log "node2 already in the cluster"
    return 0
  fi
  log "gnt-node add $NODE2"
  # Not master-capable: a master candidate that is gone (node2 torn down, or not restarted after a reboot) makes
  # node1's wconfd refuse to start ("No voting RPC result"), and the peer could not even be brought down.
  in_ns gnt-node add --no-ssh-key-check --master-capable=no "$NODE2" >&2
  node2_in_cluster || { log "node2 did not join"; exit 1; }
  log "up: $(in_ns gnt-node list --no-headers -o name | tr '\n' ' ')"
}

down() {
  if ip netns list 2>/dev/null | awk '{print $1}' | has_line -x "$NS" && node2_in_cluster; then
    # A node2 that no longer answers (its sshd gone, e.g. after a reboot) is marked offline first, as Ganeti asks.
    in_ns gnt-node remove "$NODE2" >&2 ||
      { in_ns gnt-node modify --offline=yes --force "$NODE2" >&2 && in_ns gnt-node remove "$NODE2" >&2; } ||
      log "gnt-node remove failed; stopping node2 anyway"
  fi
  if [ -n "$(sshd_pid)" ] && kill -0 "$(sshd_pid)" 2>/dev/null; then
    in_node2 "$DAEMON_UTIL" stop-all >/dev/null 2>&1 || true
    # QEMUs of guests still on node2 (only after a failed run) hold its mount namespace; stop them by their pid files.
    for pidfile in "$ROOT2"/run/kvm-hypervisor/pid/*; do
      [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
    done
    kill "$(sshd_pid)" 2>/dev/null || true
  fi
  if ns2_exists; then ip netns del "$NS2"; fi
  rm -rf "$ROOT2" "/etc/netns/$NS2"
  [ -f "/etc/netns/$NS/hosts" ] && sed -i "/$NODE2/d" "/etc/netns/$NS/hosts"
  if [ -f /root/.ssh/id_rsa.pub ] && has_line "$KEY_MARK" /root/.ssh/id_rsa.pub; then rm -f /root/.ssh/id_rsa /root/.ssh/id_rsa.pub; fi
  if [ -f /root/.ssh/authorized_keys ]; then
    sed -i "/ $KEY_MARK\$/d" /root/.ssh/authorized_keys
    [ -s /root/.ssh/authorized_keys ] || rm -f /root/.ssh/authorized_keys
  fi
  rmdir /root/.ssh 2>/dev/null || true # only if empty: up makes it when missing
  log "down"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *)
    echo "usage: $0 up|down" >&2
    exit 2
    ;;
esac
