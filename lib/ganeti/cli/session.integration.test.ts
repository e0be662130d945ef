// The scripted session, through the real gnt-* commands and a real masterd, each result checked.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliSession, rows, type CliSession } from "../testing/cli-session";

let s: CliSession;
beforeAll(() => {
  s = cliSession();
});
afterAll(() => s.close());

const D = "example.org";
const instances = async (fields = "name,status,disk_template,pnode,snodes") =>
  Object.fromEntries(rows(await s.ok("gnt-instance", "list", "--no-headers", "--separator=|", "-o", fields)).map((r) => [r[0], r.slice(1)]));
const nodes = async (fields: string) => Object.fromEntries(rows(await s.ok("gnt-node", "list", "--no-headers", "--separator=|", "-o", fields)).map((r) => [r[0], r.slice(1)]));

async function until<T>(what: string, probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("a scripted gnt-* session on a fresh state directory", () => {
  it("initialises a cluster and starts its master daemon", async () => {
    const out = await s.ok("gnt-cluster", "init", "--master-node", `node1.${D}`, "--memory", "16G", "--disk", "500G", "--cpus", "8", `cluster1.${D}`);
    expect(out).toContain(`Cluster cluster1.${D} initialised`);
    expect((await s.ok("gnt-cluster", "getmaster")).trim()).toBe(`node1.${D}`);
    expect(s.masterdPid()).toBeGreaterThan(0);
  });

  it("adds four virtual nodes with the hardware given", async () => {
    for (const n of [2, 3, 4, 5]) await s.ok("gnt-node", "add", "--virtual", "--memory=64G", "--disk=1T", "--cpus=16", `node${n}.${D}`);
    const list = await nodes("name,mtotal,dtotal,ctotal,role");
    expect(Object.keys(list)).toHaveLength(5);
    expect(list[`node3.${D}`]).toEqual(["65536", "1048576", "16", "C"]);
    expect(list[`node1.${D}`]![3]).toBe("M");
  });

  it("creates drbd, plain, file and diskless instances, all running", async () => {
    await s.ok("gnt-instance", "add", "-t", "drbd", "-n", "node2:node3", "-o", "noop", "-B", "memory=1G", "--disk", "0:size=10G", `drbd1.${D}`);
    await s.ok("gnt-instance", "add", "-t", "plain", "-n", "node4", "-o", "noop", "-s", "5G", `plain1.${D}`);
    await s.ok("gnt-instance", "add", "-t", "file", "-n", "node5", "-o", "noop", "-s", "2G", `file1.${D}`);
    await s.ok("gnt-instance", "add", "-t", "diskless", "-n", "node4", "-o", "noop", `diskless1.${D}`);
    expect(await instances()).toEqual({
      [`drbd1.${D}`]: ["running", "drbd", `node2.${D}`, `node3.${D}`],
      [`plain1.${D}`]: ["running", "plain", `node4.${D}`, ""],
      [`file1.${D}`]: ["running", "file", `node5.${D}`, ""],
      [`diskless1.${D}`]: ["running", "diskless", `node4.${D}`, ""],
    });
    expect((await nodes("name,dfree"))[`node3.${D}`]).toEqual([String(1048576 - 10240 - 128)]);
  });

  it("live-migrates the drbd instance to its secondary and fails it over back", async () => {
    await s.ok("gnt-instance", "migrate", "-f", "drbd1");
    expect((await instances())[`drbd1.${D}`]).toEqual(["running", "drbd", `node3.${D}`, `node2.${D}`]);
    await s.ok("gnt-instance", "failover", "-f", "drbd1");
    expect((await instances())[`drbd1.${D}`]).toEqual(["running", "drbd", `node2.${D}`, `node3.${D}`]);
  });

  it("shuts down, starts up and reboots an instance", async () => {
    await s.ok("gnt-instance", "shutdown", "plain1");
    expect((await instances("name,status,oper_state"))[`plain1.${D}`]).toEqual(["ADMIN_down", "N"]);
    await s.ok("gnt-instance", "startup", "plain1");
    expect((await instances("name,status"))[`plain1.${D}`]).toEqual(["running"]);
    await s.ok("gnt-instance", "reboot", "plain1");
    const jobs = rows(await s.ok("gnt-job", "list", "--no-headers", "--separator=|"));
    expect(jobs.at(-1)!.slice(1)).toEqual(["success", "INSTANCE_REBOOT(plain1)"]);
    expect((await instances("name,status"))[`plain1.${D}`]).toEqual(["running"]);
  });

  it("modifies memory and adds a disk; the memory applies at the next reboot", async () => {
    await s.ok("gnt-instance", "modify", "-B", "memory=2G", "--disk", "add:size=5G", "drbd1");
    expect((await instances("name,be/maxmem,disk.count,disk.sizes,oper_ram"))[`drbd1.${D}`]).toEqual(["2048", "2", "10240,5120", "1024"]);
    await s.ok("gnt-instance", "reboot", "drbd1");
    expect((await instances("name,oper_ram"))[`drbd1.${D}`]).toEqual(["2048"]);
  });

  it("evacuates a node's secondaries onto other nodes", async () => {
    await s.ok("gnt-node", "evacuate", "-f", "-s", "node3");
    const drbd = (await instances())[`drbd1.${D}`]!;
    expect(drbd[0]).toBe("running");
    expect(drbd[3]).not.toBe(`node3.${D}`);
    expect((await nodes("name,sinst_cnt,pinst_cnt"))[`node3.${D}`]).toEqual(["0", "0"]);
  });

  it("marks a node offline: its instance shows ERROR_nodeoffline, the watcher reports it, and it recovers online", async () => {
    await s.ok("gnt-node", "modify", "--offline=yes", "node5");
    expect((await instances("name,status"))[`file1.${D}`]).toEqual(["ERROR_nodeoffline"]);
    const watcher = await s.ok("gnt-cluster", "watcher", "run");
    expect(watcher).toContain(`Instance file1.${D}: primary node node5.${D} is offline, not restarting`);
    await s.ok("gnt-node", "modify", "--offline=no", "node5");
    expect((await instances("name,status"))[`file1.${D}`]).toEqual(["running"]);
  });

  it("power-cycles a node: its instances stop and the watcher restarts them", async () => {
    await s.ok("gnt-cluster", "watcher", "run"); // records every node's boot id
    const before = (await nodes("name,bootid"))[`node4.${D}`]![0];
    await s.ok("gnt-node", "powercycle", "--yes", "node4");
    await until("node4 to come back", async () => (await nodes("name,bootid"))[`node4.${D}`]![0], (id) => id !== "*" && id !== before);
    expect((await instances("name,status"))[`plain1.${D}`]).toEqual(["ERROR_down"]);
    const watcher = await s.ok("gnt-cluster", "watcher", "run");
    expect(watcher).toContain(`Node node4.${D} was rebooted`);
    expect(watcher).toMatch(new RegExp(`Restarting instance plain1\\.${D} \\(attempt #1\\) \\(job \\d+\\)`));
    expect(watcher).toMatch(new RegExp(`Restarting instance diskless1\\.${D} \\(attempt #1\\)`));
    await until("the restarted instances", () => instances("name,status"), (list) => list[`plain1.${D}`]![0] === "running" && list[`diskless1.${D}`]![0] === "running");
  });

  it("renames a stopped instance", async () => {
    await s.ok("gnt-instance", "shutdown", "diskless1");
    await s.ok("gnt-instance", "rename", "diskless1", `diskless2.${D}`);
    await s.ok("gnt-instance", "startup", "diskless2");
    const list = await instances("name,status");
    expect(list[`diskless2.${D}`]).toEqual(["running"]);
    expect(list[`diskless1.${D}`]).toBeUndefined();
  });

  it("removes an instance and its volumes", async () => {
    const freeBefore = Number((await nodes("name,dfree"))[`node4.${D}`]![0]);
    await s.ok("gnt-instance", "remove", "-f", "plain1");
    expect((await instances())[`plain1.${D}`]).toBeUndefined();
    expect(Number((await nodes("name,dfree"))[`node4.${D}`]![0])).toBe(freeBefore + 5120);
  });

  it("leaves a cluster that verifies clean", async () => {
    const verify = await s.gnt("gnt-cluster", "verify");
    expect(verify.stdout).not.toMatch(/ERROR/);
    expect(verify.code).toBe(0);
  });
});

describe("bad input gets Ganeti's error code and message, and changes nothing", () => {
  const serial = () => JSON.parse(fs.readFileSync(path.join(s.stateDir, "config.data"), "utf8")).serial_no as number;
  const cases: Array<[string, string[], string]> = [
    ["unknown instance", ["gnt-instance", "startup", "nosuch"], "Failure: prerequisites not met for this operation: error type: unknown_entity, error details: Instance 'nosuch' not known"],
    ["memory below the policy minimum", ["gnt-instance", "add", "-t", "plain", "-n", "node2", "-o", "noop", "-B", "memory=64M", "-s", "1G", `low.${D}`], "error type: wrong_input, error details: Instance allocation to group"],
    ["a drbd instance without a secondary", ["gnt-instance", "add", "-t", "drbd", "-n", "node2", "-o", "noop", "-s", "1G", `nomirror.${D}`], "error type: wrong_input, error details: The networked disk templates need a mirror node"],
    ["a duplicate name", ["gnt-instance", "add", "-t", "diskless", "-n", "node2", "-o", "noop", `file1.${D}`], `error type: already_exists, error details: Instance 'file1.${D}' is already in the cluster`],
    ["a malformed size", ["gnt-instance", "add", "-t", "plain", "-n", "node2", "-o", "noop", "-s", "10X", `bad.${D}`], 'Failure: invalid parameter: Unknown unit "X" in "10X": use M, G or T'],
    ["a malformed disk spec", ["gnt-instance", "add", "-t", "plain", "-n", "node2", "-o", "noop", "--disk", "0:size=ten", `bad.${D}`], 'Failure: invalid parameter: Invalid size "ten"'],
  ];
  for (const [what, [program, ...args], message] of cases) {
    it(what, async () => {
      const before = serial();
      const result = await s.gnt(program!, ...args);
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain(message);
      expect(serial()).toBe(before);
    });
  }
});
