// hbal's plan for a cluster, made in the manager from what the cluster's RAPI answers (the same four bulk bodies
// Ganeti's hbal -m reads), one node group at a time, with hbal's default options: the moves, the commands an operator
// would type, the score before and after, and the moves grouped in job sets (moves of a set touch disjoint nodes,
// so they run in parallel; sets run one after another).
import { parseRapiData } from "@/lib/ganeti/htools/backends/rapi";
import { balanceGroup, groupTable, tableNodes, tableOptimum } from "@/lib/ganeti/htools/balance/balance";
import { moveJob, moveOpcodes, splitJobs, type MoveJob } from "@/lib/ganeti/htools/balance/commands";
import type { ClusterData } from "@/lib/ganeti/htools/cluster-data";
import { finalizeCluster } from "@/lib/ganeti/htools/loader";
import { nodeGroups } from "@/lib/ganeti/htools/programs/hbal-checks";
// Not programs/hbal.ts: that is the command line (process signals, the luxi socket, masterd's settings).
import { algorithmOptions, defaultHbalOptions } from "@/lib/ganeti/htools/programs/hbal-options";
import type { ClusterClient } from "./cluster-connection";

export type PlannedMove = { instance: string; from: { primary: string; secondary: string | null }; to: { primary: string; secondary: string | null }; commands: string[]; opcodes: Array<Record<string, unknown>> };
export type GroupPlan = { group: string; nodes: number; instances: number; initialScore: number; optimumScore: number; finalScore: number; jobSets: PlannedMove[][] };

/** The cluster as htools sees it, read through ClusterClient. */
export async function readClusterForHtools(client: ClusterClient): Promise<ClusterData> {
  const [groups, nodes, instances, info] = await Promise.all([client.getGroups({ bulk: true }), client.getNodes({ bulk: true }), client.getInstances({ bulk: true }), client.getInfo()]);
  const body = (value: unknown) => ({ ok: true as const, text: JSON.stringify(value) });
  return finalizeCluster(parseRapiData({ groups: body(groups), nodes: body(nodes), instances: body(instances), info: body(info) })).data;
}

export function planRebalance(data: ClusterData): GroupPlan[] {
  const opts = defaultHbalOptions();
  const nodeName = (n: number | undefined) => (n === undefined || n < 0 ? null : (data.nodes[n]?.name ?? null));
  return nodeGroups(data.nodes).map((gdx) => {
    const table = groupTable(data, gdx);
    const initialScore = table.score;
    const optimumScore = tableOptimum(table);
    const jobs: MoveJob[] = [];
    const plan: Omit<GroupPlan, "jobSets" | "finalScore"> = { group: data.groups[gdx]!.name, nodes: tableNodes(table).length, instances: table.groupInstances.length, initialScore, optimumScore };
    if (table.groupInstances.length === 0 || initialScore - optimumScore < opts.minScore) return { ...plan, finalScore: initialScore, jobSets: [] };
    const fin = balanceGroup(table, algorithmOptions(opts), {
      maxRounds: opts.maxLength,
      minScore: optimumScore + opts.minScore,
      onStep: (before, after) => void jobs.push(moveJob(before.nodes, before.instances, 0, 0, after.placements[0]!, after.placements.length)),
    });
    const jobSets = splitJobs(jobs).map((set) =>
      set.map((job): PlannedMove => {
        const inst = table.instances[job.idx]!;
        const placed = fin.instances[job.idx]!;
        return {
          instance: inst.name,
          from: { primary: nodeName(inst.pNode)!, secondary: nodeName(inst.sNode) },
          to: { primary: nodeName(placed.pNode)!, secondary: nodeName(placed.sNode) },
          commands: job.cmds.map((cmd) => `gnt-instance ${cmd}`),
          opcodes: moveOpcodes(fin.nodes, table.instances, job.idx, job.move) as Array<Record<string, unknown>>,
        };
      }),
    );
    return { ...plan, finalScore: fin.score, jobSets };
  });
}
