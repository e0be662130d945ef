#!/usr/bin/python3
# Drives a RAPI server with Ganeti's own Python client (python3-ganeti-rapi), the calls a Ganeti operator's scripts
# make, and prints one JSON object with what each call answered. Any failure raises, and the exit status is non-zero.
#   python-client-check.py HOST PORT USER PASSWORD PNODE SNODE
import json
import sys

from ganeti.rapi import client

host, port, user, password, pnode, snode = sys.argv[1:7]
rapi = client.GanetiRapiClient(host, port=int(port), username=user, password=password)
out = {}


def wait(job_id, what):
    # Ganeti's own helper polls GET /2/jobs/[id] until the job is final.
    if not rapi.WaitForJobCompletion(job_id, period=0.2, retries=600):
        raise RuntimeError("%s: job %s failed: %s" % (what, job_id, json.dumps(rapi.GetJobStatus(job_id))))
    out.setdefault("jobs", []).append([what, job_id])


out["version"] = rapi.GetVersion()
out["features"] = sorted(rapi.GetFeatures())
info = rapi.GetInfo()
out["info"] = {"name": info["name"], "master": info["master"]}
out["nodes"] = sorted(n["name"] for n in rapi.GetNodes(bulk=True))
out["node_role"] = rapi.GetNodeRole(pnode)
out["os"] = rapi.GetOperatingSystems()

name = "py1.example.org"
job = rapi.CreateInstance("create", name, "drbd", [{"size": 1024}], [{}], os="noop", pnode=pnode, snode=snode,
                          beparams={"memory": 256, "vcpus": 1}, name_check=False, ip_check=False)
wait(job, "create")
out["created"] = rapi.GetInstance(name)["status"]

wait(rapi.ShutdownInstance(name, timeout=0), "shutdown")
out["after_shutdown"] = rapi.GetInstance(name)["status"]
wait(rapi.StartupInstance(name), "startup")
wait(rapi.RebootInstance(name, reboot_type="soft"), "reboot")
out["after_reboot"] = rapi.GetInstance(name)["status"]

wait(rapi.ModifyInstance(name, beparams={"maxmem": 512, "minmem": 512}), "modify")
out["maxmem"] = rapi.GetInstance(name)["beparams"]["maxmem"]

wait(rapi.MigrateInstance(name, mode="live"), "migrate")
out["pnode_after_migrate"] = rapi.GetInstance(name)["pnode"]

wait(rapi.AddInstanceTags(name, ["env:test", "role:py"]), "add-tags")
out["tags"] = sorted(rapi.GetInstanceTags(name))
wait(rapi.DeleteInstanceTags(name, ["role:py"]), "delete-tags")
out["tags_after_delete"] = rapi.GetInstanceTags(name)

query = rapi.Query("instance", ["name", "status", "pnode"], qfilter=["=", "name", name])
out["query"] = [[cell[1] for cell in row] for row in query["data"]]
out["query_fields"] = [f["name"] for f in rapi.QueryFields("instance", ["name", "status"])["fields"]]

last = out["jobs"][-1][1]
change = rapi.WaitForJobChange(last, ["status"], None, None)
out["wait_change"] = change["job_info"]
out["job_status"] = rapi.GetJobStatus(last)["status"]

wait(rapi.DeleteInstance(name), "delete")
out["instances_after_delete"] = rapi.GetInstances()
print(json.dumps(out))
