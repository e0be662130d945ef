"""Times jobs on the real Ganeti 3.0.2 peer (bench/peer/ganeti-netns.sh up), with the same method as Gantry's side of
bench/core-jobs.ts: submit one job, follow it with WaitForJobChange until it is final, read its result with QueryJobs.

Runs in the namespace with Debian's interpreter and Ganeti's own modules (not on sys.path by default):
  ip netns exec gnt env PYTHONPATH=/usr/share/ganeti/default /usr/bin/python3 bench/peer/ganeti-jobs.py CMD ...
  single --via luxi|rapi --samples N --prefix P   per sample: create, shutdown, startup, remove (each timed)
  bulk --count N --prefix P                       N creates submitted at once (SubmitManyJobs), then removed
Prints one JSON object on stdout; times in milliseconds.
"""
import argparse
import json
import sys
import time

from ganeti import constants, luxi, opcodes
from ganeti.rapi import client as rapi

NODE = "node1.gnt.test"
RAPI_HOST = "10.99.0.1"
BEPARAMS = {"memory": 128, "vcpus": 1}  # 128 MiB is the default ipolicy's minimum
# no_install stays False: with it Ganeti silently turns start off ("No-installation mode selected, disabling
# startup"); the noop OS's create script does nothing, so "installing" it costs only Ganeti's own OS machinery.
FINAL = ("success", "error", "canceled")


def create_op(name):
    return opcodes.OpInstanceCreate(
        instance_name=name, mode=constants.INSTANCE_CREATE, disk_template=constants.DT_DISKLESS, disks=[], nics=[{}],
        os_type="noop", pnode=NODE, beparams=BEPARAMS, name_check=False, ip_check=False, no_install=False, start=True)


class Luxi:
    """Jobs through Ganeti's luxi socket, one connection, as its CLI does."""

    def __init__(self):
        self.cl = luxi.Client()

    def submit(self, kind, name):
        ops = {
            "create": lambda: create_op(name),
            "shutdown": lambda: opcodes.OpInstanceShutdown(instance_name=name),
            "startup": lambda: opcodes.OpInstanceStartup(instance_name=name),
            "remove": lambda: opcodes.OpInstanceRemove(instance_name=name, ignore_failures=False),
        }
        return self.cl.SubmitJob([ops[kind]()])

    def wait(self, job_id):
        info, serial = None, None
        while True:
            change = self.cl.WaitForJobChangeOnce(job_id, ["status"], info, serial)
            if change == constants.JOB_NOTCHANGED:
                continue
            info, log = change
            for entry in log:
                serial = max(serial or 0, entry[0])
            if info[0] in FINAL:
                break
        status, result = self.cl.QueryJobs([job_id], ["status", "opresult"])[0]
        return status, result


class Rapi:
    """Jobs through RAPI with Ganeti's Python client, following them with the long-polling /2/jobs/N/wait."""

    def __init__(self):
        self.cl = rapi.GanetiRapiClient(RAPI_HOST, username="admin", password="s3cret",
                                        curl_config_fn=rapi.GenericCurlConfig())

    def submit(self, kind, name):
        if kind == "create":
            return self.cl.CreateInstance("create", name, "diskless", [], [{}], os="noop", pnode=NODE,
                                          beparams=BEPARAMS, name_check=False, ip_check=False, no_install=False,
                                          start=True)
        if kind == "shutdown":
            return self.cl.ShutdownInstance(name)
        if kind == "startup":
            return self.cl.StartupInstance(name)
        return self.cl.DeleteInstance(name)

    def wait(self, job_id):
        info, serial = None, None
        while True:
            change = self.cl.WaitForJobChange(job_id, ["status"], info, serial)
            if not change:
                continue
            info = change["job_info"]
            for entry in change["log_entries"]:
                serial = max(serial or 0, entry[0])
            if info[0] in FINAL:
                break
        job = self.cl.GetJobStatus(job_id)
        return job["status"], job["opresult"]


def timed(via, kind, name):
    start = time.perf_counter()
    status, result = via.wait(via.submit(kind, name))
    ms = (time.perf_counter() - start) * 1000
    if status != "success":
        raise RuntimeError("%s %s: job %s: %s" % (kind, name, status, json.dumps(result)[:400]))
    return ms


def single(args):
    via = Luxi() if args.via == "luxi" else Rapi()
    times = {"create": [], "shutdown": [], "startup": [], "remove": []}
    for i in range(args.samples):
        name = "%s%d.gnt.test" % (args.prefix, i)
        try:
            for kind in ("create", "shutdown", "startup", "remove"):
                times[kind].append(timed(via, kind, name))
        except Exception:
            try:  # do not leave a half-measured instance behind on a peer that stays up
                via.wait(via.submit("remove", name))
            except Exception:
                pass
            raise
    return times


def ts(value):
    return value[0] + value[1] / 1e6


def bulk(args):
    via = Luxi()
    names = ["%s%d.gnt.test" % (args.prefix, i) for i in range(args.count)]
    start = time.perf_counter()
    submitted = via.cl.SubmitManyJobs([[create_op(n)] for n in names])
    ids = [job_id for ok, job_id in submitted if ok]
    for job_id in ids:
        via.wait(job_id)
    wall = (time.perf_counter() - start) * 1000
    rows = via.cl.QueryJobs(ids, ["status", "received_ts", "end_ts"])
    latencies = [(ts(end) - ts(received)) * 1000 for status, received, end in rows if status == "success"]
    failures = [r[0] for r in rows if r[0] != "success"] + [str(job) for ok, job in submitted if not ok]
    # Leave the cluster as it was: remove what was created (submitted at once, waited for).
    removes = via.cl.SubmitManyJobs([[opcodes.OpInstanceRemove(instance_name=n)] for n in names])
    for ok, job_id in removes:
        if ok:
            via.wait(job_id)
    return {"wall_ms": wall, "latencies_ms": latencies, "failures": failures[:5], "failed": len(failures)}


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("single")
    s.add_argument("--via", choices=["luxi", "rapi"], default="luxi")
    s.add_argument("--samples", type=int, default=10)
    s.add_argument("--prefix", default="bench-")
    b = sub.add_parser("bulk")
    b.add_argument("--count", type=int, default=100)
    b.add_argument("--prefix", default="bulk-")
    args = parser.parse_args()
    print_result(lambda: single(args) if args.cmd == "single" else bulk(args))


def print_result(measure):
    """The one JSON line the bench reads: what `measure` returns, or {"error": why} (the caller prints why)."""
    try:
        out = measure()
    except Exception as error:
        out = {"error": "%s: %s" % (type(error).__name__, error)}
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
