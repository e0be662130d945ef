"""Times kvm guests on the real Ganeti 3.0.2 peer (bench/peer/ganeti-netns.sh kvm), for bench/kvm.ts.

Runs in the namespace with Debian's interpreter and Ganeti's own modules, as ganeti-jobs.py does:
  ip netns exec gnt env PYTHONPATH=/usr/share/ganeti/default /usr/bin/python3 bench/peer/ganeti-kvm.py CMD ...
  start-stop --samples N [--name NAME] [--template sharedfile|diskless] [--disk-mb 64]
      a kvm instance (no NIC, no OS, 128 MiB, 1 vCPU) created stopped on node1; per sample a startup job and a
      shutdown job with timeout 0, the QEMU process checked after each; removed at the end
  migrate --samples N [--name NAME] [--template sharedfile|diskless] [--disk-mb 64]
      the same instance started, then live-migrated node1 -> node2 -> node1 ..., one migrate job per sample, the QEMU
      checked to have moved each time; removed at the end
Every job is submitted through luxi and followed until it is final, as ganeti-jobs.py does.
Prints one JSON object on stdout; times in milliseconds.
"""
import argparse
import importlib.util
import json
import os
import time

from ganeti import constants, opcodes, pathutils

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("ganeti_jobs", os.path.join(HERE, "ganeti-jobs.py"))
jobs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(jobs)

NODE2 = "node2.gnt.test"  # bench/peer/ganeti-node2.sh
NODE2_RUN_DIR = "/srv/gantry-bench-node2/run"  # its /run/ganeti, seen from outside its mount namespace
BEPARAMS = {"memory": 128, "vcpus": 1}
# The cluster-wide kvm hvparams come from ganeti-netns.sh kvm (kernel_path "", VNC on 0.0.0.0); the rest are Ganeti's
# defaults, migration_bandwidth 32 MiB/s and migration_downtime 30 ms included.


def pid_alive(path):
    try:
        with open(path) as f:
            os.kill(int(f.read().strip()), 0)
        return True
    except (OSError, ValueError):
        return False


def accel(path):
    """KVM when the QEMU holds /dev/kvm open, TCG otherwise (Ganeti runs /usr/bin/kvm, which picks KVM if it can)."""
    with open(path) as f:
        fd_dir = "/proc/%d/fd" % int(f.read().strip())
    for fd in os.listdir(fd_dir):
        try:
            if os.readlink(os.path.join(fd_dir, fd)) == "/dev/kvm":
                return "KVM"
        except OSError:
            pass
    return "TCG"


def run_job(luxi, op):
    """Submits one opcode, waits until its job is final; the time in ms, or raises with the job's error."""
    start = time.perf_counter()
    status, result = luxi.wait(luxi.cl.SubmitJob([op]))
    elapsed = (time.perf_counter() - start) * 1000
    if status != "success":
        raise RuntimeError("%s: job %s: %s" % (op.OP_ID, status, json.dumps(result)[:400]))
    return elapsed


def pidfile(node, name):
    """Where Ganeti's kvm code keeps the QEMU pid of NAME on NODE (node2's run directory as this namespace sees it)."""
    run_dir = NODE2_RUN_DIR if node == NODE2 else pathutils.RUN_DIR
    return os.path.join(run_dir, "kvm-hypervisor", "pid", name)


def create(luxi, args):
    disks = [{constants.IDISK_SIZE: args.disk_mb}] if args.template == constants.DT_SHARED_FILE else []
    run_job(luxi, opcodes.OpInstanceCreate(
        instance_name=args.name, mode=constants.INSTANCE_CREATE, disk_template=args.template, disks=disks, nics=[],
        os_type="noop", pnode=jobs.NODE, hypervisor=constants.HT_KVM, beparams=BEPARAMS, name_check=False,
        ip_check=False, no_install=True, start=False))


def remove(luxi, name):
    run_job(luxi, opcodes.OpInstanceRemove(instance_name=name, shutdown_timeout=0, ignore_failures=True))


def start_stop(args):
    """Startup and shutdown (timeout 0) of a stopped instance on node1, one job each per sample."""
    luxi = jobs.Luxi()
    name = args.name
    qemu = pidfile(jobs.NODE, name)
    create(luxi, args)
    times = {"startup": [], "shutdown": []}
    try:
        for _ in range(args.samples):
            times["startup"].append(run_job(luxi, opcodes.OpInstanceStartup(instance_name=name)))
            if not pid_alive(qemu):
                raise RuntimeError("startup succeeded but no QEMU runs for %s (%s)" % (name, qemu))
            times["accel"] = accel(qemu)
            times["shutdown"].append(run_job(luxi, opcodes.OpInstanceShutdown(instance_name=name, timeout=0)))
            if pid_alive(qemu):
                raise RuntimeError("shutdown succeeded but QEMU still runs for %s" % name)
    finally:
        remove(luxi, name)
    return times


def migrate(args):
    """A running instance live-migrated between node1 and node2 and back, one migrate job per sample."""
    luxi = jobs.Luxi()
    name = args.name
    pidfiles = {jobs.NODE: pidfile(jobs.NODE, name), NODE2: pidfile(NODE2, name)}
    create(luxi, args)
    times = []
    try:
        run_job(luxi, opcodes.OpInstanceStartup(instance_name=name))
        for i in range(args.samples):
            source, target = (jobs.NODE, NODE2) if i % 2 == 0 else (NODE2, jobs.NODE)
            times.append(run_job(luxi, opcodes.OpInstanceMigrate(instance_name=name, mode=constants.HT_MIGRATION_LIVE,
                                                                 target_node=target)))
            if not pid_alive(pidfiles[target]) or pid_alive(pidfiles[source]):
                raise RuntimeError("migration %d succeeded but the QEMU did not move to %s" % (i, target))
    finally:
        remove(luxi, name)
    return {"migrate": times}


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    for cmd in ("start-stop", "migrate"):
        p = sub.add_parser(cmd)
        p.add_argument("--samples", type=int, default=10)
        p.add_argument("--name", default="bench-kvm.gnt.test")
        p.add_argument("--template", choices=["diskless", "sharedfile"], default="sharedfile")
        p.add_argument("--disk-mb", type=int, default=64)
    args = parser.parse_args()
    jobs.print_result(lambda: start_stop(args) if args.cmd == "start-stop" else migrate(args))


if __name__ == "__main__":
    main()
