// Group helpers and move-to-opcode conversion (Ganeti's Cluster/Utils.hs, Node.computeGroups).
import type { Instance } from "../instance";
import type { IMove, InstanceList, NodeList } from "./types";
import { mustFind } from "./types";

/** Node indices per group, groups in index order, nodes in index order (Node.computeGroups). */
export function computeGroups(nl: NodeList): Array<{ gdx: number; nodes: number[] }> {
  const byGroup = new Map<number, number[]>();
  nl.forEach((n, k) => {
    if (!n) return;
    const list = byGroup.get(n.group);
    if (list) list.push(k);
    else byGroup.set(n.group, [k]);
  });
  return [...byGroup.entries()].sort((a, b) => a[0] - b[0]).map(([gdx, nodes]) => ({ gdx, nodes }));
}

/** splitCluster: per group, its node list and the instances whose primary is in it. */
export function splitCluster(nl: NodeList, il: InstanceList): Array<{ gdx: number; nodes: NodeList; instances: InstanceList }> {
  return computeGroups(nl).map(({ gdx, nodes }) => {
    const member = new Set(nodes);
    return {
      gdx,
      nodes: nl.map((n, k) => (member.has(k) ? n : undefined)),
      instances: il.map((i) => (i !== undefined && member.has(i.pNode) ? i : undefined)),
    };
  });
}

export const instancePriGroup = (nl: NodeList, i: Instance): number => mustFind(nl, i.pNode).group;

/** availableGroupNodes: the group's nodes minus the excluded ones. */
export function availableGroupNodes(
  groupNodes: ReadonlyArray<{ gdx: number; nodes: number[] }>,
  excluded: ReadonlySet<number>,
  gdx: number,
): { ok: true; value: number[] } | { ok: false; error: string } {
  const g = groupNodes.find((x) => x.gdx === gdx);
  if (!g) return { ok: false, error: `Can't find group with index ${gdx}` };
  return { ok: true, value: g.nodes.filter((n) => !excluded.has(n)) };
}

/** An opcode as hail emits it: fields in Ganeti's serialisation order, absent optional fields left out. */
export type OpCode = Record<string, unknown>;

/** iMoveToJob: the opcodes that carry out a move (migrate or, for forthcoming instances, failover; replace-disks). */
export function iMoveToJob(nl: NodeList, il: InstanceList, idx: number, mv: IMove): OpCode[] {
  const inst = mustFind(il, idx);
  const name = inst.name;
  const nodeName = (n: number) => mustFind(nl, n).name;
  const migrate = (target?: string): OpCode =>
    inst.forthcoming
      ? {
          OP_ID: "OP_INSTANCE_FAILOVER",
          instance_name: name,
          shutdown_timeout: 120,
          ignore_consistency: false,
          ...(target === undefined ? {} : { target_node: target }),
          ignore_ipolicy: false,
          cleanup: false,
        }
      : {
          OP_ID: "OP_INSTANCE_MIGRATE",
          instance_name: name,
          ...(target === undefined ? {} : { target_node: target }),
          allow_runtime_changes: false,
          ignore_ipolicy: false,
          cleanup: false,
          allow_failover: true,
          ignore_hvversions: true,
        };
  const replace = (n: number): OpCode => ({
    OP_ID: "OP_INSTANCE_REPLACE_DISKS",
    instance_name: name,
    early_release: false,
    ignore_ipolicy: false,
    mode: "replace_new_secondary",
    disks: [],
    remote_node: nodeName(n),
  });
  switch (mv.type) {
    case "Failover":
      return [migrate()];
    case "FailoverToAny":
      return [migrate(nodeName(mv.node))];
    case "ReplacePrimary":
      return [migrate(), replace(mv.node), migrate()];
    case "ReplaceSecondary":
      return [replace(mv.node)];
    case "ReplaceAndFailover":
      return [replace(mv.node), migrate()];
    case "FailoverAndReplace":
      return [migrate(), replace(mv.node)];
  }
}
