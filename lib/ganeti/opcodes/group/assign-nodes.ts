// OP_GROUP_ASSIGN_NODES (gnt-group assign-nodes): moves nodes into a group. A DRBD instance whose two nodes would
// end up in different groups is "split" (allocation and balancing work per group); that needs force.
import { z } from "zod";
import type { ConfigStore } from "../../config/config-store";
import { OpPrereqError } from "../../errors";
import type { NodeGroup } from "../../objects/types";
import { groupLock, instanceLock, nodeLock } from "../common";
import { defineOpcode, nonEmptyString, opParams } from "../definition";

const params = opParams({
  group_name: z.string().min(1),
  force: z.boolean().default(false),
  nodes: z.array(z.string().min(1)).min(1, "give at least one node"),
  node_uuids: z.array(nonEmptyString()).nullable().optional(),
});
type Params = z.infer<typeof params>;

export const groupAssignNodes = defineOpcode<Params, { group: NodeGroup; nodes: string[] }>({
  id: "OP_GROUP_ASSIGN_NODES",
  params,
  summaryField: "group_name",
  locks(ctx, p) {
    const { config } = ctx;
    const target = config.expandName("nodegroup", p.group_name);
    const nodes = p.nodes.map((n) => config.expandName("node", n));
    const groups = new Set([target, ...nodes.map((n) => config.node(n)!.group)]);
    return [
      ...drbdInstancesTouching(config, nodes).map((uuid) => instanceLock(uuid, "shared")),
      ...[...groups].map((g) => groupLock(g)),
      ...nodes.map((n) => nodeLock(n)),
    ];
  },
  prereq(ctx, p) {
    const { config } = ctx;
    const group = config.group(config.expandName("nodegroup", p.group_name))!;
    const nodes = [...new Set(p.nodes.map((n) => config.expandName("node", n)))];
    const { newSplits, previousSplits } = splitInstances(config, nodes, group.uuid);
    if (newSplits.length) {
      if (!p.force) {
        throw new OpPrereqError(`The following instances get split by this change and --force was not given: ${newSplits.join(", ")}`, "wrong_state");
      }
      ctx.log(`- WARNING: This operation will split the following instances: ${newSplits.join(", ")}`);
      if (previousSplits.length) {
        ctx.log(`- WARNING: In addition, these already-split instances continue to be split across groups: ${previousSplits.join(", ")}`);
      }
    }
    return { group, nodes };
  },
  async exec(ctx, _p, { group, nodes }) {
    for (const uuid of nodes) {
      const node = ctx.config.node(uuid)!;
      if (node.group === group.uuid) continue;
      ctx.log(`- INFO: Moving node ${node.name} from group ${ctx.config.group(node.group)?.name ?? node.group} to ${group.name}`);
      ctx.config.updateNode(uuid, (n) => (n.group = group.uuid));
    }
    return null;
  },
});

function drbdInstancesTouching(config: ConfigStore, nodes: string[]): string[] {
  return config.instances().filter((i) => i.disk_template === "drbd" && config.instanceNodes(i).some((n) => nodes.includes(n))).map((i) => i.uuid);
}

/** Ganeti's CheckAssignmentForSplitInstances: DRBD instances newly split by the move, and those already split. */
function splitInstances(config: ConfigStore, moved: string[], target: string): { newSplits: string[]; previousSplits: string[] } {
  const groupAfter = (node: string) => (moved.includes(node) ? target : config.node(node)!.group);
  const newSplits: string[] = [];
  const previousSplits: string[] = [];
  for (const instance of config.instances()) {
    if (instance.disk_template !== "drbd") continue;
    const nodes = config.instanceNodes(instance);
    const before = new Set(nodes.map((n) => config.node(n)!.group)).size > 1;
    const after = new Set(nodes.map(groupAfter)).size > 1;
    if (after && !before) newSplits.push(instance.name);
    if (after && before) previousSplits.push(instance.name);
  }
  return { newSplits: newSplits.sort(), previousSplits: previousSplits.sort() };
}
