// Ganeti's own Python RAPI client (python3-ganeti-rapi) against Gantry's RAPI, served by a real masterd started by
// the gnt-* commands, over HTTPS with the certificate masterd made on its first start. Skipped when the client is not
// installed (`apt-get install python3-ganeti-rapi`).
import { execFile, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliSession, type CliSession } from "../../testing/cli-session";
import { rapiCall } from "../testing/http";
import { freePort } from "../../testing/free-port";

const PYTHON = "/usr/bin/python3";
const hasClient = fs.existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "from ganeti.rapi import client"]).status === 0;
const run = promisify(execFile);
const HTOOLS = ["/usr/bin/hbal", "/usr/bin/hspace"];
const hasHtools = HTOOLS.every((tool) => fs.existsSync(tool));


describe.skipIf(!hasClient)("Ganeti's Python RAPI client against Gantry", () => {
  let s: CliSession;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    s = cliSession({ GANTRY_RAPI_PORT: String(port), GANTRY_RAPI_BIND: "127.0.0.1" });
    await s.ok("gnt-cluster", "init", "--master-node", "node1.example.org", "cluster1.example.org");
    await s.ok("gnt-node", "add", "--virtual", "--memory=16G", "--disk=100G", "--cpus=4", "node2.example.org");
    const dir = path.join(s.stateDir, "rapi");
    fs.writeFileSync(path.join(dir, "users"), "# written by the test\nadmin s3cret write\n", { mode: 0o600 });
    const ca = fs.readFileSync(path.join(dir, "rapi.pem"), "utf8");
    const version = await rapiCall({ url: `https://127.0.0.1:${port}`, ca }, { path: "/version" });
    expect(version.body).toBe(2);
  });
  afterAll(() => s?.close());

  it("does what an operator's script does: info, nodes, create, power, modify, migrate, tags, query, delete", async () => {
    const script = path.join(import.meta.dirname, "../testing/python-client-check.py");
    const { stdout } = await run(PYTHON, [script, "127.0.0.1", String(port), "admin", "s3cret", "node1.example.org", "node2.example.org"], {
      timeout: 120_000,
    });
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({
      version: 2,
      features: ["instance-create-reqv1", "instance-reinstall-reqv1", "node-evac-res1", "node-migrate-reqv1"],
      info: { name: "cluster1.example.org", master: "node1.example.org" },
      nodes: ["node1.example.org", "node2.example.org"],
      node_role: "master",
      created: "running",
      after_shutdown: "ADMIN_down",
      after_reboot: "running",
      maxmem: 512,
      pnode_after_migrate: "node2.example.org",
      tags: ["env:test", "role:py"],
      tags_after_delete: ["env:test"],
      query: [["py1.example.org", "running", "node2.example.org"]],
      query_fields: ["name", "status"],
      wait_change: ["success"],
      job_status: "success",
      instances_after_delete: [],
    });
    expect(out.os).toContain("noop");
    expect(out.jobs.map(([what]: [string]) => what)).toEqual(["create", "shutdown", "startup", "reboot", "modify", "migrate", "add-tags", "delete-tags", "delete"]);
    // Every request is in the access log, writes with the user and the job they submitted.
    const log = fs.readFileSync(path.join(s.stateDir, "rapi", "access.log"), "utf8");
    expect(log).toMatch(/user=admin method=POST path=\/2\/instances status=200 job=\d+/);
    expect(log).toMatch(/user=admin method=DELETE path=\/2\/instances\/py1\.example\.org status=200 job=\d+/);
  });

  it.skipIf(!hasHtools)("serves Ganeti's hbal -m and hspace -m (htools' RAPI backend)", async () => {
    await s.ok("gnt-instance", "add", "-t", "drbd", "-n", "node1:node2", "-o", "noop", "-B", "memory=512M", "-s", "1G", "web1.example.org");
    await s.ok("gnt-instance", "add", "-t", "plain", "-n", "node1", "-o", "noop", "-B", "memory=1G", "-s", "1G", "web2.example.org");
    const url = `https://admin:s3cret@127.0.0.1:${port}`;
    const hbal = await run("/usr/bin/hbal", ["-m", url, "-C"], { timeout: 60_000 });
    expect(hbal.stdout).toMatch(/Loaded 2 nodes, 2 instances/);
    expect(hbal.stdout).toMatch(/Initial score: \d/);
    const hspace = await run("/usr/bin/hspace", ["-m", url], { timeout: 60_000 });
    expect(hspace.stdout).toMatch(/instances allocated/);
  });
});
