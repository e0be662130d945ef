"""Times kvm guests on the real Ganeti 3.0.2 peer (bench/peer/ganeti-netns.sh kvm), for bench/kvm.ts.

Runs in the namespace with Debian's interpreter and Ganeti's own modules, as ganeti-jobs.py does:
  ip netns exec gnt env PYTHONPATH=/usr/share/ganeti/default /usr/bin/python3 bench/peer/ganeti-kvm.py CMD ...
  start-stop --samples N --name NAME   a kvm instance (diskless, no NIC, no OS, 128 MiB, 1 vCPU) created stopped;
                                       per sample: startup job, shutdown job with timeout 0 (each submitted through
                                       luxi and waited for); the QEMU process checked after each; removed at the end
  hv-migrate --samples N --name NAME   live migration by Ganeti's own kvm code (hv_kvm) between two QEMUs on this one
                                       node: the steps and polling of Ganeti's migrate job, without its job, RPC and
                                       locks (a second Ganeti node does not fit on this machine)
Prints one JSON object on stdout; times in milliseconds.
"""
import argparse
import importlib.util
import json
import os
import sys
import time
import uuid

from ganeti import constants, objects, opcodes
from ganeti.cmdlib.instance_migration import TLMigrateInstance
from ganeti.hypervisor import hv_kvm

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("ganeti_jobs", os.path.join(HERE, "ganeti-jobs.py"))
jobs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(jobs)

NODE_IP = "10.99.0.1"
BEPARAMS = {"memory": 128, "vcpus": 1}
# The cluster-wide kvm hvparams come from ganeti-netns.sh kvm (kernel_path "", VNC on 0.0.0.0); the rest are Ganeti's
# defaults, migration_bandwidth 32 MiB/s and migration_downtime 30 ms included.


def pid_alive(pidfile):
    try:
        with open(pidfile) as f:
            os.kill(int(f.read().strip()), 0)
        return True
    except (OSError, ValueError):
        return False


def run_job(luxi, op):
    """Submits one opcode, waits until its job is final; the time in ms, or raises with the job's error."""
    start = time.perf_counter()
    status, result = luxi.wait(luxi.cl.SubmitJob([op]))
    elapsed = (time.perf_counter() - start) * 1000
    if status != "success":
        raise RuntimeError("%s: job %s: %s" % (op.OP_ID, status, json.dumps(result)[:400]))
    return elapsed


def start_stop(args):
    luxi = jobs.Luxi()
    name = args.name
    pidfile = os.path.join(hv_kvm.KVMHypervisor._PIDS_DIR, name)
    run_job(luxi, opcodes.OpInstanceCreate(
        instance_name=name, mode=constants.INSTANCE_CREATE, disk_template=constants.DT_DISKLESS, disks=[], nics=[],
        os_type="noop", pnode=jobs.NODE, hypervisor=constants.HT_KVM, beparams=BEPARAMS, name_check=False,
        ip_check=False, no_install=True, start=False))
    times = {"startup": [], "shutdown": []}
    try:
        for _ in range(args.samples):
            times["startup"].append(run_job(luxi, opcodes.OpInstanceStartup(instance_name=name)))
            if not pid_alive(pidfile):
                raise RuntimeError("startup succeeded but no QEMU runs for %s (%s)" % (name, pidfile))
            times["shutdown"].append(run_job(luxi, opcodes.OpInstanceShutdown(instance_name=name, timeout=0)))
            if pid_alive(pidfile):
                raise RuntimeError("shutdown succeeded but QEMU still runs for %s" % name)
    finally:
        run_job(luxi, opcodes.OpInstanceRemove(instance_name=name, shutdown_timeout=0, ignore_failures=True))
    return times


def kvm_in(root):
    """Ganeti's KVMHypervisor with its runtime files (pid, QMP and monitor sockets, runtime) under another directory,
    so a source and a target QEMU of the same instance can live on one node, as on two."""
    dirs = {"_ROOT_DIR": root, "_PIDS_DIR": root + "/pid", "_UIDS_DIR": root + "/uid", "_CTRL_DIR": root + "/ctrl",
            "_CONF_DIR": root + "/conf", "_NICS_DIR": root + "/nic", "_CHROOT_DIR": root + "/chroot",
            "_CHROOT_QUARANTINE_DIR": root + "/chroot-quarantine"}
    os.makedirs(root, exist_ok=True)  # Ganeti creates the rest, one level each
    dirs["_DIRS"] = [dirs[k] for k in ("_ROOT_DIR", "_PIDS_DIR", "_UIDS_DIR", "_CTRL_DIR", "_CONF_DIR", "_NICS_DIR",
                                       "_CHROOT_DIR", "_CHROOT_QUARANTINE_DIR")]
    return type("BenchKVM", (hv_kvm.KVMHypervisor,), dirs)()


def as_seen_on(dst, src, info):
    """The source's runtime (its QEMU command line) with the target's directories: on two nodes the paths are the same
    on both; here each side has its own, or the target's QEMU would take the source's pid file lock."""
    return info.replace(src._ROOT_DIR + "/", dst._ROOT_DIR + "/")


def migration_instance(name):
    hvparams = dict(constants.HVC_DEFAULTS[constants.HT_KVM])
    # No VNC: both QEMUs run the same command line on one host and would both bind the instance's VNC port.
    hvparams.update({"kernel_path": "", "initrd_path": "", "vnc_bind_address": ""})
    beparams = dict(constants.BEC_DEFAULTS)
    beparams.update({"maxmem": 128, "minmem": 128, "vcpus": 1})
    return objects.Instance(name=name, uuid=str(uuid.uuid4()), hypervisor=constants.HT_KVM, hvparams=hvparams,
                            beparams=beparams, osparams={}, os="noop", disks=[], nics=[], disk_template="diskless",
                            primary_node="node1", network_port=None, admin_state=constants.ADMINST_UP)


def hv_migrate(args):
    """Per sample: source QEMU started (untimed), then timed as TLMigrateInstance._ExecMigration runs them:
    MigrationInfo, AcceptInstance on the target, MigrateInstance, GetMigrationStatus every _MIGRATION_POLL_INTERVAL
    until done, FinalizeMigrationSource and FinalizeMigrationDst. The target becomes the next sample's source."""
    base = "/var/run/ganeti/kvm-bench"
    sides = [kvm_in(base + "/a"), kvm_in(base + "/b")]
    instance = migration_instance(args.name)
    poll_s = TLMigrateInstance._MIGRATION_POLL_INTERVAL
    times, qemu_ms, polls = [], [], []
    sides[0].StartInstance(instance, [], False)
    try:
        for i in range(args.samples):
            src, dst = sides[i % 2], sides[(i + 1) % 2]
            start = time.perf_counter()
            info = as_seen_on(dst, src, src.MigrationInfo(instance))
            dst.AcceptInstance(instance, info, NODE_IP)
            src.MigrateInstance("cluster1.gnt.test", instance, NODE_IP, True)
            started = time.perf_counter()
            n = 0
            while True:
                status = src.GetMigrationStatus(instance)
                n += 1
                if status.status in constants.HV_MIGRATION_FAILED_STATUSES:
                    raise RuntimeError("migration failed: %s" % status.status)
                if status.status not in constants.HV_KVM_MIGRATION_ACTIVE_STATUSES:
                    break
                time.sleep(poll_s)
            seen = time.perf_counter()
            src.FinalizeMigrationSource(instance, True, True)
            dst.FinalizeMigrationDst(instance, info, True)
            times.append((time.perf_counter() - start) * 1000)
            qemu_ms.append((seen - started) * 1000)
            polls.append(n)
            if not pid_alive(dst._InstancePidFile(instance.name)) or pid_alive(src._InstancePidFile(instance.name)):
                raise RuntimeError("after migration %d the QEMU did not move to the target" % i)
    finally:
        for side in sides:
            if pid_alive(side._InstancePidFile(instance.name)):
                side.StopInstance(instance, force=True)
            side.CleanupInstance(instance.name)
    return {"migrate": times, "until_completed_seen": qemu_ms, "status_polls": polls, "poll_interval_s": poll_s}


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    for cmd in ("start-stop", "hv-migrate"):
        p = sub.add_parser(cmd)
        p.add_argument("--samples", type=int, default=10)
        p.add_argument("--name", default="bench-kvm.gnt.test")
    args = parser.parse_args()
    try:
        out = start_stop(args) if args.cmd == "start-stop" else hv_migrate(args)
    except Exception as error:  # the caller prints why the peer failed
        out = {"error": "%s: %s" % (type(error).__name__, error)}
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
