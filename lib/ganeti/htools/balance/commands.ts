// What hbal prints and runs for a solution (Ganeti's printSolutionLine, splitJobs, formatCmds and iMoveToJob): one
// line per step, the gnt-instance commands grouped into jobsets of moves touching disjoint nodes, and the opcodes.
import type { OpInput } from "../../jobs/job";
import type { Instance } from "../instance";
import { NO_SECONDARY } from "../instance";
import type { Node } from "../node";
import { padLeft, showFixed } from "./haskell-printf";
import type { IMove, Placement } from "./moves";
import { describeMove, involvedNodes } from "./moves";

/** A move ready to run: the nodes it touches, the instance, the move and its gnt-instance commands (MoveJob). */
export type MoveJob = { nodes: number[]; idx: number; move: IMove; cmds: string[] };
/** Moves that touch disjoint nodes, so they may run in parallel. */
export type JobSet = MoveJob[];

const padRight = (s: string, width: number) => s.padEnd(width);

/**
 * The solution line of a step and its commands. `nodes` and `instances` are the state before the step (the
 * instance's current nodes are the "old" ones); names are the display aliases, as Ganeti prints them.
 */
export function solutionLine(
  nodes: readonly Node[],
  instances: readonly Instance[],
  nmlen: number,
  imlen: number,
  plc: Placement,
  pos: number,
): { line: string; cmds: string[] } {
  const pmlen = 2 * nmlen + 1;
  const inst = instances[plc.idx]!;
  const alias = (idx: number) => nodes[idx]!.alias;
  const npri = alias(plc.pri);
  const nsec = plc.sec === NO_SECONDARY ? "" : alias(plc.sec);
  const opri = alias(inst.pNode);
  const ostr = inst.sNode === NO_SECONDARY ? opri : `${opri}:${alias(inst.sNode)}`;
  const nstr = plc.sec === NO_SECONDARY ? npri : `${npri}:${nsec}`;
  const { moves, cmds } = describeMove(inst, inst.alias, plc.move, npri, nsec);
  const line = `  ${padLeft(String(pos), 3)}. ${padRight(inst.alias, imlen)} ${padRight(ostr, pmlen)} => ${padRight(nstr, pmlen)} ${padLeft(showFixed(plc.score, 8), 12)} a=${moves}`;
  return { line, cmds };
}

/** The MoveJob of a step, from the state before it. */
export function moveJob(nodes: readonly Node[], instances: readonly Instance[], nmlen: number, imlen: number, plc: Placement, pos: number): MoveJob {
  return { nodes: involvedNodes(instances[plc.idx]!, plc), idx: plc.idx, move: plc.move, cmds: solutionLine(nodes, instances, nmlen, imlen, plc, pos).cmds };
}

/**
 * Groups moves into jobsets (splitJobs). `jobs` is in chronological order. Ganeti folds over its move list latest
 * first, so the grouping is decided from the last move backwards; the result is chronological again.
 */
export function splitJobs(jobs: readonly MoveJob[]): JobSet[] {
  let sets: JobSet[] = [];
  let buf: number[] = [];
  for (let k = jobs.length - 1; k >= 0; k--) {
    const job = jobs[k]!;
    if (sets.length === 0) {
      sets = [[job]];
      buf = job.nodes;
    } else if (!job.nodes.some((n) => buf.includes(n))) {
      sets[0] = [job, ...sets[0]!];
      buf = [...job.nodes, ...buf];
    } else {
      sets = [[job], ...sets];
      buf = job.nodes;
    }
  }
  return sets;
}

/** The jobsets as a shell fragment (formatCmds): echo lines, a `check` per job, then its commands. */
export function formatCmds(sets: readonly JobSet[]): string {
  const lines: string[] = [];
  sets.forEach((set, s) => {
    const jsn = s + 1;
    set.forEach((job, j) => {
      const sn = j + 1;
      if (sn === 1) lines.push("", `echo jobset ${jsn}, ${set.length} jobs`);
      lines.push(`  echo job ${jsn}/${sn}`, "  check", ...job.cmds.map((c) => `  gnt-instance ${c}`));
    });
  });
  return lines.map((l) => `${l}\n`).join("");
}

/** The header of a saved command file (CLI.shTemplate). */
export const SH_TEMPLATE =
  "#!/bin/sh\n\n# Auto-generated script for executing cluster rebalancing\n\n# To stop, touch the file /tmp/stop-htools\n\n" +
  "set -e\n\ncheck() {\n  if [ -f /tmp/stop-htools ]; then\n    echo 'Stop requested, exiting'\n    exit 0\n  fi\n}\n\n";

/** The commands as printed on the terminal by `-C` (maybeSaveCommands): indented, without the `check` lines. */
export function commandsForTerminal(cmds: string): string {
  const lines = cmds === "" ? [] : cmds.replace(/\n$/, "").split("\n");
  return lines
    .filter((l) => l !== "  check")
    .map((l) => `  ${l}\n`)
    .join("");
}

/**
 * The opcodes of one move (iMoveToJob): migrations allow failing over a stopped instance, forthcoming instances
 * are failed over, and disks move by replacing the secondary.
 */
export function moveOpcodes(nodes: readonly Node[], instances: readonly Instance[], idx: number, move: IMove): OpInput[] {
  const inst = instances[idx]!;
  const iname = inst.name;
  const nodeName = (n: number) => nodes[n]!.name;
  const migrate = (target: string | null): OpInput =>
    inst.forthcoming
      ? {
          OP_ID: "OP_INSTANCE_FAILOVER",
          instance_name: iname,
          shutdown_timeout: 120,
          ignore_consistency: false,
          target_node: target,
          ignore_ipolicy: false,
          iallocator: null,
          cleanup: false,
        }
      : {
          OP_ID: "OP_INSTANCE_MIGRATE",
          instance_name: iname,
          mode: null,
          live: null,
          target_node: target,
          allow_runtime_changes: false,
          ignore_ipolicy: false,
          cleanup: false,
          iallocator: null,
          allow_failover: true,
          ignore_hvversions: true,
        };
  const replace = (n: number): OpInput => ({
    OP_ID: "OP_INSTANCE_REPLACE_DISKS",
    instance_name: iname,
    early_release: false,
    ignore_ipolicy: false,
    mode: "replace_new_secondary",
    disks: [],
    remote_node: nodeName(n),
    iallocator: null,
  });
  switch (move.kind) {
    case "Failover":
      return [migrate(null)];
    case "FailoverToAny":
      return [migrate(nodeName(move.node))];
    case "ReplacePrimary":
      return [migrate(null), replace(move.node), migrate(null)];
    case "ReplaceSecondary":
      return [replace(move.node)];
    case "ReplaceAndFailover":
      return [replace(move.node), migrate(null)];
    case "FailoverAndReplace":
      return [migrate(null), replace(move.node)];
  }
}
