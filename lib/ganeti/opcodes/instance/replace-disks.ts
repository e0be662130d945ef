// OP_INSTANCE_REPLACE_DISKS (gnt-instance replace-disks): gives a DRBD instance fresh volumes on its primary or its
// secondary, moves its mirror to a new secondary node, or (auto) repairs whichever side reports faulty storage.
import { z } from "zod";
import { OpExecError, OpPrereqError } from "../../errors";
import { diskUsagePerNode } from "../../storage/disk-templates";
import { checkNodeNotDrained, checkNodeOnline, checkNodeVmCapable, instanceLock, instanceNameParam, nodeLocks, nodeName, requireInstance } from "../common";
import { defineOpcode, opParams, type OpContext } from "../definition";
import { assembleInstanceDisks, shutdownInstanceDisks } from "./disk-activation";
import { disksActivated, findFaultyDisks } from "./disk-health";
import { execReplaceOnNode } from "./replace-disks-local";
import { execNewSecondary } from "./replace-disks-secondary";
import type { ReplacePlan } from "./replace-disks-steps";
import { allocatorOrNode, checkTargetNodePolicy, NODE_ALLOC_LOCK, relocate, resolveNode } from "./target-node";

const params = opParams({
  instance_name: instanceNameParam,
  mode: z.enum(["replace_on_primary", "replace_on_secondary", "replace_new_secondary", "replace_auto"]),
  disks: z.array(z.number().int().min(0)).default([]),
  remote_node: z.string().min(1).nullable().default(null),
  remote_node_uuid: z.string().min(1).nullable().default(null),
  iallocator: z.string().min(1).nullable().default(null),
  early_release: z.boolean().default(false),
  ignore_ipolicy: z.boolean().default(false),
});
type Params = z.infer<typeof params>;

/** Ganeti's CheckArguments: a new node or an allocator only when changing the secondary, and then exactly one. */
function remoteChoice(ctx: OpContext, p: Params): { node: string } | { iallocator: string } | null {
  const remote = resolveNode(ctx.config, p.remote_node_uuid, p.remote_node);
  if (p.mode === "replace_new_secondary") {
    if (!remote && !p.iallocator) {
      throw new OpPrereqError("When changing the secondary either an iallocator script must be used or the new node given", "wrong_input");
    }
    return allocatorOrNode(ctx.config, p.iallocator, remote);
  }
  if (remote || p.iallocator) {
    throw new OpPrereqError("The iallocator and new node options can only be used when changing the secondary node", "wrong_input");
  }
  return null;
}

export const instanceReplaceDisks = defineOpcode<Params, ReplacePlan>({
  id: "OP_INSTANCE_REPLACE_DISKS",
  params,
  summaryField: "instance_name",
  locks(ctx, p) {
    const choice = remoteChoice(ctx, p);
    const instance = requireInstance(ctx.config, p.instance_name);
    if (choice && "iallocator" in choice) return [instanceLock(instance.uuid), NODE_ALLOC_LOCK];
    return [instanceLock(instance.uuid), ...nodeLocks([...ctx.config.instanceNodes(instance), ...(choice ? [choice.node] : [])])];
  },

  async prereq(ctx, p) {
    const { config } = ctx;
    const instance = requireInstance(config, p.instance_name);
    if (instance.disk_template !== "drbd") throw new OpPrereqError("Can only run replace disks for DRBD8-based instances", "wrong_input");
    const secondaries = config.secondaryNodes(instance);
    if (secondaries.length !== 1) {
      throw new OpPrereqError(`The instance has a strange layout, expected one secondary but found ${secondaries.length}`, "internal_error");
    }
    const primary = instance.primary_node;
    const secondary = secondaries[0]!;
    const disks = config.instanceDisks(instance);
    const choice = remoteChoice(ctx, p);
    let remote: string | null = null;
    if (choice && "iallocator" in choice) {
      remote = await relocate(ctx, instance, { iallocator: choice.iallocator, exclude: [primary, secondary], keep: [primary, secondary] });
      ctx.log(`- INFO: Selected new secondary for instance '${instance.name}': ${nodeName(config, remote)}`);
    } else if (choice) {
      remote = choice.node;
    }
    if (remote === primary) throw new OpPrereqError("The specified node is the primary node of the instance", "wrong_input");
    if (remote === secondary) throw new OpPrereqError("The specified node is already the secondary node of the instance", "wrong_input");
    if (p.disks.length && (p.mode === "replace_auto" || p.mode === "replace_new_secondary")) {
      throw new OpPrereqError("Cannot specify disks to be replaced", "wrong_input");
    }

    const plan: ReplacePlan = { instance, disks: [...p.disks], targetNode: null, otherNode: null, newNode: null, earlyRelease: p.early_release };
    let checkNodes: string[] = [];
    if (p.mode === "replace_auto") {
      if (!(await disksActivated(ctx, instance))) throw new OpPrereqError(`Please run activate-disks on instance ${instance.name} first`, "wrong_state");
      const faultyPrimary = await findFaultyDisks(ctx, instance, primary);
      const faultySecondary = await findFaultyDisks(ctx, instance, secondary);
      if (faultyPrimary.length && faultySecondary.length) {
        throw new OpPrereqError(`Instance ${instance.name} has faulty disks on more than one node and can not be repaired automatically`, "wrong_state");
      }
      if (faultyPrimary.length) Object.assign(plan, { disks: faultyPrimary, targetNode: primary, otherNode: secondary });
      else if (faultySecondary.length) Object.assign(plan, { disks: faultySecondary, targetNode: secondary, otherNode: primary });
      if (plan.targetNode) checkNodes = [plan.targetNode, plan.otherNode!];
    } else {
      if (p.mode === "replace_on_primary") Object.assign(plan, { targetNode: primary, otherNode: secondary });
      else if (p.mode === "replace_on_secondary") Object.assign(plan, { targetNode: secondary, otherNode: primary });
      else {
        const newNode = config.node(remote!)!;
        Object.assign(plan, { newNode: newNode.uuid, targetNode: secondary, otherNode: primary });
        checkNodeNotDrained(newNode);
        checkNodeVmCapable(newNode);
        if (config.node(secondary)!.offline && !plan.earlyRelease) {
          plan.earlyRelease = true;
          ctx.log(`- INFO: Old secondary ${nodeName(config, secondary)} is offline, automatically enabling early-release mode`);
        }
      }
      checkNodes = [plan.newNode ?? plan.targetNode!, plan.otherNode!];
      if (!plan.disks.length) plan.disks = disks.map((_, index) => index);
    }
    if (remote) checkTargetNodePolicy(ctx, instance, remote, p.ignore_ipolicy);
    for (const node of checkNodes) checkNodeOnline(config.node(node)!, `replacing the disks of ${instance.name}`);
    for (const index of plan.disks) {
      if (index >= disks.length) throw new OpPrereqError(`Invalid disk index: ${index} (instance has disks 0..${disks.length - 1})`, "wrong_input");
    }
    if (plan.newNode) await checkFreeStorage(ctx, plan.newNode, diskUsagePerNode("drbd", disks.map((d) => d.size)));
    return plan;
  },

  async exec(ctx, _p, plan) {
    const { config } = ctx;
    const { instance } = plan;
    if (!plan.disks.length) {
      ctx.log(`No disks need replacement for instance '${instance.name}'`);
      return null;
    }
    ctx.log(`Replacing disk(s) ${plan.disks.join(", ")} for instance '${instance.name}'`);
    ctx.log(`Current primary node: ${nodeName(config, instance.primary_node)}`);
    ctx.log(`Current secondary node: ${config.secondaryNodes(instance).map((n) => nodeName(config, n)).join(", ")}`);

    // A stopped instance's disks are brought up for the replacement and taken down again afterwards.
    const activate = !instance.disks_active;
    if (activate) {
      plan.holdNodeLocks = true;
      const { ok } = await assembleInstanceDisks(ctx, instance, { ignoreSecondaries: true });
      if (!ok) {
        await shutdownInstanceDisks(ctx, instance);
        throw new OpExecError("Disk consistency error");
      }
    }
    try {
      return await (plan.newNode ? execNewSecondary(ctx, plan) : execReplaceOnNode(ctx, plan));
    } finally {
      if (activate && instance.admin_state !== "up") await shutdownInstanceDisks(ctx, instance);
    }
  },
});

async function checkFreeStorage(ctx: OpContext, node: string, usage: number): Promise<void> {
  const resources = await ctx.allocator.resources(ctx.rpc, node);
  if (!resources) throw new OpPrereqError(`Can't get free disk space of node ${nodeName(ctx.config, node)}: it does not answer`, "environment_error");
  if (resources.storageFree < usage) {
    throw new OpPrereqError(
      `Not enough disk space on target node ${nodeName(ctx.config, node)} vg ${ctx.config.cluster.volume_group_name}: required ${usage} MiB, available ${resources.storageFree} MiB`,
      "insufficient_resources",
    );
  }
}
