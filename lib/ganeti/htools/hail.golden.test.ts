// hail against Ganeti 3.0.2's: the recorded answers to every golden case (fixtures, shelltest variants, malformed
// input, random requests of each type), the expectations htools-hail.test states, and a live comparison with the
// installed binary when there is one.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readIAllocatorRequest } from "./backends/iallocator";
import { randomIAllocatorRequest } from "./backends/iallocator-random";
import { clusterStatistics } from "./metrics";
import { allocateOnPair, allocateOnSingle } from "./allocation/primitives";
import { GOLDEN_CASES, GOLDEN_FILE, materialize, type GoldenAnswer, type GoldenCase } from "./allocation/hail-golden-cases";
import { main } from "./programs/hail";
import { ganetiTool } from "./testing/fixtures";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hail-golden-test-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const recorded = JSON.parse(fs.readFileSync(GOLDEN_FILE, "utf8")) as Record<string, GoldenAnswer>;

async function runOurs(args: string[], stdin: string): Promise<GoldenAnswer> {
  let stdout = "";
  let stderr = "";
  const status = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), readStdin: () => stdin });
  return { stdout, stderr, status };
}

const runCase = (c: GoldenCase) => {
  const { args, stdin } = materialize(c, dir);
  return runOurs(args, stdin).then((ours) => ({ ours, args, stdin }));
};

/**
 * When an allocation picks other nodes than Ganeti's, the answer still counts if Ganeti's nodes score the same in
 * our model: computed here from the request's cluster.
 */
function sameScoreAlternative(requestFile: string, ours: GoldenAnswer, theirs: GoldenAnswer): boolean {
  const a = JSON.parse(ours.stdout) as { success: boolean; info: string; result: string[] };
  const b = JSON.parse(theirs.stdout) as { success: boolean; info: string; result: string[] };
  const input = readIAllocatorRequest(fs.readFileSync(requestFile, "utf8"));
  if (!a.success || !b.success || input.request.type !== "allocate") return false;
  const { data } = input;
  const inst = input.request.inst;
  const score = (names: string[]) => {
    const idx = names.map((n) => data.nodes.find((x) => x.name === n)!.idx);
    const r = idx.length === 1 ? allocateOnSingle({}, data.nodes, inst, idx[0]!) : allocateOnPair({}, clusterStatistics(data.nodes), data.nodes, inst, idx[0]!, idx[1]!);
    return r.ok ? r.value.metric : Number.NaN;
  };
  const ourScore = score(a.result);
  const theirScore = score(b.result);
  // Shown in the test output when it happens.
  console.info(`${requestFile}: ours ${a.result.join("/")} scores ${ourScore}, Ganeti's ${b.result.join("/")} scores ${theirScore}`);
  return Math.abs(ourScore - theirScore) < 1e-9;
}

describe("hail golden answers (Ganeti 3.0.2, recorded)", () => {
  for (const c of GOLDEN_CASES) {
    it(c.name, async () => {
      const expected = recorded[c.name];
      expect(expected, `no recorded answer for ${c.name}`).toBeDefined();
      const { ours, args } = await runCase(c);
      expect(ours.status).toBe(expected!.status);
      expect(ours.stderr).toBe(expected!.stderr);
      if (ours.stdout !== expected!.stdout) {
        const requestFile = args.find((a) => a.startsWith(dir))!;
        expect(sameScoreAlternative(requestFile, ours, expected!), `${c.name}: ${ours.stdout} vs ${expected!.stdout}`).toBe(true);
      }
    });
  }
});

// htools-hail.test's expectations, for the cases whose data ships with the fixtures.
const SHELLTESTS: Array<{ name: string; stdout?: RegExp; stderr?: RegExp; status: number | "nonzero" }> = [
  { name: "empty file", stderr: /Invalid JSON/, status: "nonzero" },
  { name: "a list", stderr: /Unable to read JSObject/, status: "nonzero" },
  { name: "empty object", stderr: /key 'request' not found/, status: "nonzero" },
  { name: "request not an object", stderr: /key 'request'/, status: "nonzero" },
  { name: "hail-invalid-reloc.json", stderr: /key 'name': Unable to read String/, status: "nonzero" },
  { name: "hail-alloc-drbd.json", stdout: /"success":true,.*,"result":\["node2","node1"\]/, status: 0 },
  { name: "hail-reloc-drbd.json", stdout: /"success":true,.*,"result":\["node1"\]/, status: 0 },
  { name: "hail-node-evac.json", stdout: /"success":true,"info":"Request successful: 0 instances failed to move and 1 were moved successfully"/, status: 0 },
  { name: "hail-change-group.json", stdout: /"success":true,"info":"Request successful: 0 instances failed to move and 1 were moved successfully"/, status: 0 },
  { name: "hail-alloc-drbd.json.excl-stor", stdout: /"success":true,.*,"result":\["node.","node."\]/, status: 0 },
  { name: "hail-reloc-drbd.json.excl-stor", stdout: /"success":true,.*,"result":\["node1"\]/, status: 0 },
  { name: "hail-node-evac.json.excl-stor", stdout: /"success":true,"info":"Request successful: 0 instances failed to move and 1 were moved successfully"/, status: 0 },
  { name: "hail-change-group.json.excl-stor", stdout: /"success":true,"info":"Request successful: 0 instances failed to move and 1 were moved successfully"/, status: 0 },
  { name: "hail-alloc-drbd.json.fail-excl-stor", stdout: /"success":false,.*FailSpindles: 12"/, status: 0 },
  { name: "hail-reloc-drbd.json.fail-excl-stor", stdout: /"success":false,.*FailSpindles/, status: 0 },
  {
    name: "hail-node-evac.json.fail-excl-stor",
    stdout: /"success":true,"info":"Request successful: 1 instances failed to move and 0 were moved successfully",.*FailSpindles/,
    status: 0,
  },
  {
    name: "hail-change-group.json.fail-excl-stor",
    stdout: /"success":true,"info":"Request successful: 1 instances failed to move and 0 were moved successfully",.*FailSpindles: 2"/,
    status: 0,
  },
  { name: "hail-node-evac.json.primary-only", stdout: /"success":true,"info":"Request successful: 0 instances failed to move and 1 were moved successfully"/, status: 0 },
  { name: "hail-node-evac.json.secondary-only", stdout: /"success":true,"info":"Request successful: 0 instances failed to move and 1 were moved successfully"/, status: 0 },
  { name: "hail-node-evac.json.all", stdout: /"success":true,"info":"Request successful: 0 instances failed to move and 1 were moved successfully"/, status: 0 },
  { name: "spindles --no-capacity-checks", stdout: /"success":true,"info":"Request successful: Selected group: group2,.*FailSpindles: 2,.*"result":\["node4"\]/, status: 0 },
  { name: "hail-alloc-spindles.json.excl-stor", stdout: /"success":true,"info":"Request successful: Selected group: group1,.*FailSpindles: 2",.*"result":\["node1"\]/, status: 0 },
  { name: "hail-alloc-plain-tags.json", stdout: /"success":false,.*FailTags: 3/, status: 0 },
  { name: "plain-tags --ignore-soft-errors", stdout: /"success":true/, status: 0 },
  { name: "plain-n1-restriction", stdout: /"success":true.*"result":\["node[BCD]"\]/, status: 0 },
  { name: "plain-n1-restriction unchecked", stdout: /"success":true.*"result":\["nodeA"\]/, status: 0 },
  { name: "partly-used", stdout: /successes 20,.*"result":\["node-0[45]","node-0[45]"\]/, status: 0 },
  { name: "partly-used restricted", stdout: /successes 6,.*"result":\["node-0[123]","node-0[123]"\]/, status: 0 },
];

describe("htools-hail.test expectations", () => {
  for (const t of SHELLTESTS) {
    it(t.name, async () => {
      const c = GOLDEN_CASES.find((x) => x.name === t.name)!;
      const { ours } = await runCase(c);
      if (t.stdout) expect(ours.stdout).toMatch(t.stdout);
      if (t.stderr) expect(ours.stderr).toMatch(t.stderr);
      if (t.status === "nonzero") expect(ours.status).not.toBe(0);
      else expect(ours.status).toBe(t.status);
    });
  }

  it("saves the cluster before and after the request with -S, and they differ", async () => {
    const base = path.join(dir, "saved");
    for (const c of ["hail-alloc-drbd.json", "hail-reloc-drbd.json"]) {
      const { args, stdin } = materialize(GOLDEN_CASES.find((x) => x.name === c)!, dir);
      const r = await runOurs(["-S", `${base}-${c}`, ...args], stdin);
      expect(r.status).toBe(0);
      const pre = fs.readFileSync(`${base}-${c}.pre-ialloc`, "utf8");
      const post = fs.readFileSync(`${base}-${c}.post-ialloc`, "utf8");
      expect(post).not.toBe(pre);
      expect(r.stderr).toContain(`The cluster state after iallocator run has been written to file '${base}-${c}.post-ialloc'`);
    }
  });

  it("shows the instances' run state in verbose output (-v -v)", async () => {
    const { args, stdin } = materialize(GOLDEN_CASES.find((x) => x.name === "hail-alloc-drbd.json")!, dir);
    const r = await runOurs(["-v", "-v", ...args], stdin);
    expect(r.stderr).toMatch(/runSt = StatusDown/);
    expect(r.status).toBe(0);
  });

  it("rejects an unknown option with exit code 2", async () => {
    const r = await runOurs(["--no-such-option"], "");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unrecognized option `--no-such-option'/);
  });
});

const hail = ganetiTool("hail");

describe.skipIf(!hail)("hail beside Ganeti's binary (live)", () => {
  const live = (args: string[], stdin: string): GoldenAnswer => {
    const r = spawnSync(hail!, args, { input: stdin, encoding: "utf8" });
    return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? 1 };
  };

  it("answers every golden case as the installed hail does", async () => {
    for (const c of GOLDEN_CASES) {
      const { ours, args, stdin } = await runCase(c);
      const theirs = live(args, stdin);
      expect({ name: c.name, ...ours }).toEqual({ name: c.name, ...theirs });
    }
  });

  it("answers random requests of every type as the installed hail does", async () => {
    for (let seed = 5000; seed < 5060; seed++) {
      const file = path.join(dir, `random-${seed}.json`);
      fs.writeFileSync(file, randomIAllocatorRequest(seed));
      const ours = await runOurs([file], "");
      const theirs = live([file], "");
      expect({ seed, ...ours }).toEqual({ seed, ...theirs });
    }
  });
});
