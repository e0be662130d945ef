// hbal's checks of the loaded cluster (Ganeti's Hbal.hs checkCluster, selectGroup, checkGroup and CLI.setNodeStatus)
// and the group's data as `-S` saves it.
import type { ClusterData } from "../cluster-data";
import { findGroupByName } from "../cluster-data";
import type { Instance } from "../instance";
import { NO_SECONDARY } from "../instance";
import { lookupName } from "../loader";
import type { Node } from "../node";
import { policyHealth, setMcpu, setMdsk } from "../node";
import { tableNodes } from "../balance/balance";
import type { Table } from "../balance/table";
import type { HbalOptions } from "./hbal-options";
import { showStringList } from "./hbal-report";

/** Ganeti's exitErr: "Error: <message>" on stderr, exit code 1. */
export class HbalExit extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
  }
}

/** -O, --max-cpu and --min-disk applied to the nodes (CLI.setNodeStatus). */
export function setNodeStatus(opts: HbalOptions, nodes: readonly Node[]): Node[] {
  const names = nodes.map((n) => n.name);
  const lookups = opts.offline.map((q) => ({ q, found: lookupName(names, q) }));
  const wrong = lookups.filter((l) => l.found === null).map((l) => l.q);
  if (wrong.length > 0) throw new HbalExit(`wrong node name(s) set as offline: ${wrong.join(", ")}\n`);
  const offline = new Set(lookups.map((l) => l.found));
  return nodes.map((n) => {
    let m = opts.maxCpu === null ? n : setMcpu(n, opts.maxCpu);
    m = setMdsk(m, opts.minDisk);
    return offline.has(m.name) ? { ...m, offline: true } : m;
  });
}

/** Instances whose primary and secondary are in different groups (Cluster.findSplitInstances). */
export const splitInstances = (nodes: readonly Node[], instances: readonly Instance[]) =>
  instances.filter((i) => i.sNode !== NO_SECONDARY && nodes[i.sNode]!.group !== nodes[i.pNode]!.group);

/** Groups that have nodes, by index (ClusterUtils.splitCluster). */
export const nodeGroups = (nodes: readonly Node[]): number[] => [...new Set(nodes.map((n) => n.group))].sort((a, b) => a - b);

export function selectGroup(opts: HbalOptions, data: ClusterData, nodes: readonly Node[], err: (s: string) => void): number {
  const groups = nodeGroups(nodes);
  if (groups.length > 1 && opts.group === null) {
    err(`Found multiple node groups:\n${groups.map((g) => `  ${data.groups[g]!.name}\n`).join("")}`);
    throw new HbalExit("Aborting.");
  }
  if (opts.group === null) {
    if (groups.length === 0) throw new HbalExit("No groups found by splitCluster?!");
    return groups[0]!;
  }
  const grp = findGroupByName(data, opts.group);
  if (!grp) {
    err(`Node group ${opts.group} not found. Node group list is:\n${data.groups.map((g) => `  ${g.name}\n`).join("")}`);
    throw new HbalExit("Aborting.");
  }
  return grp.idx;
}

export function checkGroup(opts: HbalOptions, table: Table, gname: string, out: (s: string) => void): void {
  const nodes = tableNodes(table);
  out(`Group size ${nodes.length} nodes, ${table.groupInstances.length} instances\n`);
  out(`Selected node group: ${gname}\n`);
  const badNodes = nodes.filter((n) => !n.offline && n.failN1);
  const badInstances = new Set(badNodes.flatMap((n) => [...n.sList, ...n.pList]));
  if (opts.verbose >= 1) out(`Initial check done: ${badNodes.length} bad nodes, ${badInstances.size} bad instances.\n`);
  const others = nodes.filter((n) => !badNodes.includes(n));
  const health = others.map((n) => ({ name: n.name, health: policyHealth(n) }));
  const policyBad = health.filter((h) => !h.health.ok);
  if (opts.verbose > 4) {
    out(`Bad nodes: ${showStringList(badNodes.map((n) => n.name))}\n`);
    out(`N+1 happy nodes: ${showStringList(others.map((n) => n.name))}\n`);
    const shown = health.map((h) => `(${JSON.stringify(h.name)},${h.health.ok ? "Ok ()" : `Bad ${h.health.fail}`})`);
    out(`Node policy status: [${shown.join(",")}]\n`);
  }
  if (badNodes.length > 0) out("Cluster is not N+1 happy, continuing but no guarantee that the cluster will end N+1 happy.\n");
  if (policyBad.length > 0) {
    out(`The cluster contains ${policyBad.length} policy-violating nodes.\n`);
    out(
      opts.ignoreSoftErrors
        ? "Continuing, ignoring soft errors.\n"
        : "Continuing, but the set of moves might be too restricted; consider using the --ignore-soft-errors option.\n",
    );
  }
}

/** The group's nodes and instances alone, reindexed, for `-S FILE.balanced` (Ganeti saves only the group). */
export function groupData(data: ClusterData, table: Table): ClusterData {
  if (table.groupNodes.length === data.nodes.length && table.groupInstances.length === data.instances.length) {
    return { ...data, nodes: [...table.nodes], instances: [...table.instances] };
  }
  const newIdx = new Map(table.groupNodes.map((idx, k) => [idx, k]));
  const instances = table.groupInstances.map((idx) => table.instances[idx]!);
  if (instances.some((i) => !newIdx.has(i.pNode) || (i.sNode !== NO_SECONDARY && !newIdx.has(i.sNode)))) {
    return { ...data, nodes: [...table.nodes], instances: [...table.instances] };
  }
  return {
    ...data,
    nodes: table.groupNodes.map((idx, k) => ({ ...table.nodes[idx]!, idx: k })),
    instances: instances.map((i, k) => ({
      ...i,
      idx: k,
      pNode: newIdx.get(i.pNode)!,
      sNode: i.sNode === NO_SECONDARY ? NO_SECONDARY : newIdx.get(i.sNode)!,
    })),
  };
}
