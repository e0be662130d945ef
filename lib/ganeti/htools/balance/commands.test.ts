import { describe, expect, it } from "vitest";
import { loadFixture } from "../testing/fixtures";
import { balanceGroup, groupTable, tableOptimum } from "./balance";
import type { MoveJob } from "./commands";
import { commandsForTerminal, formatCmds, moveJob, moveOpcodes, solutionLine, splitJobs } from "./commands";
import { showFixed, showGeneric } from "./haskell-printf";
import { defaultAlgorithmOptions } from "./table";

const job = (idx: number, nodes: number[]): MoveJob => ({ idx, nodes, move: { kind: "ReplaceSecondary", node: nodes[0]! }, cmds: [`replace-disks -n n${nodes[0]} i${idx}`] });

describe("jobsets", () => {
  it("group moves on disjoint nodes, deciding from the last move backwards as Ganeti does", () => {
    // m1 touches A,B; m2 C,D; m3 A,E: from the end, m3 and m2 share a jobset, m1 gets its own
    const sets = splitJobs([job(1, [0, 1]), job(2, [2, 3]), job(3, [0, 4])]);
    expect(sets.map((s) => s.map((j) => j.idx))).toEqual([[1], [2, 3]]);
  });

  it("formats the jobsets as the shell fragment Ganeti writes, and the terminal form without checks", () => {
    const cmds = formatCmds(splitJobs([job(1, [0, 1]), job(2, [2, 3])]));
    expect(cmds).toBe(
      "\necho jobset 1, 2 jobs\n  echo job 1/1\n  check\n  gnt-instance replace-disks -n n0 i1\n  echo job 1/2\n  check\n  gnt-instance replace-disks -n n2 i2\n",
    );
    expect(commandsForTerminal(cmds)).toBe(
      "  \n  echo jobset 1, 2 jobs\n    echo job 1/1\n    gnt-instance replace-disks -n n0 i1\n    echo job 1/2\n    gnt-instance replace-disks -n n2 i2\n",
    );
    expect(commandsForTerminal("")).toBe("");
  });
});

describe("a solution", () => {
  it("prints hbal's step lines and commands for hbal-evac.data", () => {
    const { data } = loadFixture("hbal-evac.data");
    const table = groupTable(data, 0);
    const lines: string[] = [];
    const jobs: MoveJob[] = [];
    const nm = Math.max(...data.nodes.map((n) => n.alias.length));
    const im = Math.max(...data.instances.map((i) => i.alias.length));
    const fin = balanceGroup(table, defaultAlgorithmOptions, {
      maxRounds: -1,
      minScore: tableOptimum(table) + 1e-9,
      onStep: (b, a) => {
        lines.push(solutionLine(b.nodes, b.instances, nm, im, a.placements[0]!, a.placements.length).line);
        jobs.push(moveJob(b.nodes, b.instances, nm, im, a.placements[0]!, a.placements.length));
      },
    });
    expect(lines).toEqual([
      "    1. inst-p2  node-E:node-3 => node-1:node-3  26.52581735 a=f r:node-1 f",
      "    2. inst-p1  node-E:node-1 => node-3:node-1  11.67920275 a=f r:node-3 f",
      "    3. inst-32a node-3:node-2 => node-2:node-1   4.74115479 a=f r:node-1",
      "    4. inst-s1  node-2:node-E => node-2:node-3   0.26606742 a=r:node-3",
    ]);
    expect(jobs[0]!.cmds).toEqual(["migrate -f inst-p2", "replace-disks -n node-1 inst-p2", "migrate -f inst-p2"]);
    expect(splitJobs(jobs).map((s) => s.length)).toEqual([1, 1, 1, 1]);
    // the opcodes of a replace-primary: migrate, replace the secondary with the target, migrate back
    const ops = moveOpcodes(fin.nodes, data.instances, jobs[0]!.idx, jobs[0]!.move);
    expect(ops.map((o) => o.OP_ID)).toEqual(["OP_INSTANCE_MIGRATE", "OP_INSTANCE_REPLACE_DISKS", "OP_INSTANCE_MIGRATE"]);
    expect(ops[1]).toMatchObject({ instance_name: "inst-p2", mode: "replace_new_secondary", remote_node: "node-1" });
    expect(ops[0]).toMatchObject({ allow_failover: true, target_node: null });
  });

  it("fails over a stopped instance and migrates shared storage to the chosen node", () => {
    const { data } = loadFixture("shared-n1-failure.data");
    const inst = data.instances[0]!;
    const line = solutionLine(data.nodes, data.instances, 5, 6, { idx: inst.idx, pri: 2, sec: -1, move: { kind: "FailoverToAny", node: 2 }, score: 2.34941019 }, 1);
    expect(line.line).toBe("    1. instA1 nodeA       => nodeC         2.34941019 a=fa:nodeC");
    expect(line.cmds).toEqual(["migrate -f -n nodeC instA1"]);
    const stopped = { ...inst, runSt: "ADMIN_down" as const };
    expect(solutionLine(data.nodes, [stopped], 5, 6, { idx: 0, pri: 2, sec: -1, move: { kind: "FailoverToAny", node: 2 }, score: 1 }, 1).cmds).toEqual([
      "failover -f -n nodeC instA1",
    ]);
  });
});

describe("Haskell's printf", () => {
  it("rounds the shortest digits half to even, as GHC does", () => {
    expect(showFixed(0.125, 2)).toBe("0.12");
    expect(showFixed(0.375, 2)).toBe("0.38");
    expect(showFixed(1.005, 2)).toBe("1.00");
    expect(showFixed(2.675, 2)).toBe("2.68");
    expect(showFixed(46.94539253, 8)).toBe("46.94539253");
    expect(showFixed(0, 8)).toBe("0.00000000");
    expect(showFixed(0.0001234, 3)).toBe("0.000");
    expect(showFixed(9.9996, 3)).toBe("10.000");
    expect(showFixed(-1.5, 1)).toBe("-1.5");
  });

  it("prints %g in fixed notation between 0.1 and 10^7, in exponent notation otherwise", () => {
    expect(showGeneric(0, 6)).toBe("0.000000");
    expect(showGeneric(1e-9, 6)).toBe("1.000000e-9");
    expect(showGeneric(46.94539253, 6)).toBe("46.945393");
    expect(showGeneric(0.05, 6)).toBe("5.000000e-2");
    expect(showGeneric(123456789, 2)).toBe("1.23e8");
  });
});
