import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { OpInput } from "../../jobs/job";
import { fixturePath, loadFixture, readFixture } from "../testing/fixtures";
import type { HbalIo } from "./hbal";
import { main } from "./hbal";
import type { JobRunner } from "./hbal-exec";

async function hbal(args: string[], io: HbalIo = {}) {
  let out = "";
  let err = "";
  const files = new Map<string, string>();
  const code = await main(args, {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    writeFile: (p, d) => void files.set(p, d),
    ...io,
  });
  return { code, out, err, files };
}

describe("hbal", () => {
  it("balances a cluster and prints the moves, the score and the commands", async () => {
    const r = await hbal(["-t", fixturePath("hbal-migration-1.data"), "-C"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Initial score: 10.13359773\nTrying to minimize the CV...\n");
    expect(r.out).toContain("    1. inst131 node-01:node-03 => node-03:node-02   7.87130365 a=f r:node-02\n");
    expect(r.out).toContain("Cluster score improved from 10.13359773 to 4.91278575\nSolution length=4\n");
    expect(r.out).toContain("\nCommands to run to reach the above solution:\n  \n  echo jobset 1, 1 jobs\n    echo job 1/1\n    gnt-instance migrate -f inst131\n");
    expect(r.err).toBe("");
  });

  it("says when the cluster is already balanced", async () => {
    const r = await hbal(["-t", fixturePath("shared-n1-failure.data"), "--ignore-dynu"]);
    expect(r.out).toContain("Cluster is already well balanced (initial score 0.000000,\noptimum score due to N+1 reservations 0.000000,\nminimum score 1.000000e-9).\nNothing to do, exiting\n");
  });

  it("prints the node tables on stderr with -p", async () => {
    const r = await hbal(["-t", fixturePath("hbal-migration-1.data"), "-pname,pcnt"]);
    expect(r.err).toContain("\nFinal cluster status:\n Name    pcnt\n node-01    3\n node-02    0\n node-03    3\n node-04    0\n\n");
  });

  it("refuses arguments, unknown options and bad values as Ganeti does", async () => {
    expect(await hbal(["extra"])).toMatchObject({ code: 1, err: "Error: This program doesn't take any arguments.\n" });
    const unknown = await hbal(["--no-such-option"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^Command line error: unrecognized option `--no-such-option'\n\nhbal \(gantry\)/);
    expect(await hbal(["-l", "abc"])).toMatchObject({ code: 1, err: "Error while parsing command line arguments:\nmax solution length: cannot parse string 'abc'\n" });
    expect(await hbal(["--priority=abc"])).toMatchObject({ code: 1, err: "Error while parsing command line arguments:\nUnknown priority 'abc'\n" });
    expect(await hbal([])).toMatchObject({ code: 1, err: "Error: failed to load data, aborting: No backend selected! Exiting.\n" });
    const offline = await hbal(["-t", fixturePath("hbal-evac.data"), "-O", "nosuch"]);
    expect(offline).toMatchObject({ code: 1, err: "Error: wrong node name(s) set as offline: nosuch\n\n" });
  });

  it("needs -G on a cluster with several node groups", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hbal-"));
    const twoGroups = path.join(dir, "two-groups.data");
    fs.writeFileSync(twoGroups, readFixture("n1-failure.data").replace(/^(node-02-\d+\|.*)fake-uuid-01/gm, "$1fake-uuid-02"));
    try {
      const r = await hbal(["-t", twoGroups]);
      expect(r.code).toBe(1);
      expect(r.err).toBe("Found multiple node groups:\n  group-01\n  group-02\nError: Aborting.\n");
      const missing = await hbal(["-t", twoGroups, "-G", "nosuch"]);
      expect(missing.err).toBe("Node group nosuch not found. Node group list is:\n  group-01\n  group-02\nError: Aborting.\n");
      const second = await hbal(["-t", twoGroups, "-G", "group-02"]);
      expect(second.out).toContain("Group size 4 nodes, 0 instances\nSelected node group: group-02\n");
      expect(second.code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // a group without nodes can be selected too
    const empty = await hbal(["-t", fixturePath("n1-failure.data"), "-G", "group-02"]);
    expect(empty.out).toContain("Group size 0 nodes, 0 instances\nSelected node group: group-02\nInitial check done: 0 bad nodes, 0 bad instances.\nInitial score: 0.00000000\n");
  });

  it("saves the cluster before and after, and the commands as a script", async () => {
    const r = await hbal(["-t", fixturePath("hbal-evac.data"), "-S", "/x/state", "-C/x/cmds.sh"]);
    expect([...r.files.keys()]).toEqual(["/x/state.original", "/x/cmds.sh", "/x/state.balanced"]);
    expect(r.files.get("/x/cmds.sh")).toMatch(/^#!\/bin\/sh\n[\s\S]*check\(\) \{[\s\S]*echo jobset 1, 1 jobs\n {2}echo job 1\/1\n {2}check\n {2}gnt-instance migrate -f inst-p2\n/);
    expect(r.out).toContain("The commands have been written to file '/x/cmds.sh'\n");
    expect(r.err).toContain("The cluster state after balancing has been written to file '/x/state.balanced'\n");
    expect(r.files.get("/x/state.balanced")).toContain("inst-p2|1000|1000|1|running|Y|node-1|node-3|drbd");
  });

  it("takes the cluster from the injected loader", async () => {
    const loaded = loadFixture("hbal-evac.data");
    const r = await hbal(["-m", "cluster.example.com"], { loadCluster: async (o) => (o.rapiUrl === "cluster.example.com" ? loaded : Promise.reject(new Error("wrong"))) });
    expect(r.out).toContain("Solution length=4\n");
  });

  it("executes the moves only through the master (-X)", async () => {
    const noLuxi = await hbal(["-t", fixturePath("hbal-evac.data"), "-X"]);
    expect(noLuxi.code).toBe(1);
    expect(noLuxi.err).toBe("Error: hbal: Execution of commands possible only on LUXI\n");

    const submitted: OpInput[][][] = [];
    let next = 1;
    const runner: JobRunner = {
      submitJobs: async (jobs) => {
        submitted.push(jobs);
        return jobs.map((): [true, number] => [true, next++]);
      },
      waitJobs: async (ids) => ids.map((id): [number, string] => [id, "success"]),
      close: () => {},
    };
    const loaded = loadFixture("hbal-evac.data");
    const r = await hbal(["-L", "-X", "--priority=low", "--reason=maintenance"], { loadCluster: async () => loaded, jobRunner: async () => runner });
    expect(r.code).toBe(0);
    expect(submitted).toHaveLength(4);
    expect(submitted[0]![0]!.map((op) => op.OP_ID)).toEqual(["OP_INSTANCE_MIGRATE", "OP_INSTANCE_REPLACE_DISKS", "OP_INSTANCE_MIGRATE"]);
    expect(submitted[0]![0]![0]).toMatchObject({ instance_name: "inst-p2", priority: 10, reason: [["hbal", "maintenance", expect.any(Number)]] });
    expect(r.out).toContain("Executing jobset for instances inst-p2\nGot job IDs 1\n");

    const failing: JobRunner = { ...runner, waitJobs: async (ids) => ids.map((id): [number, string] => [id, "error"]) };
    const bad = await hbal(["-L", "-X"], { loadCluster: async () => loaded, jobRunner: async () => failing });
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^Error: hbal: Not all jobs completed successfully: \[\(\d+,error\)\]\n$/);
  });
});
