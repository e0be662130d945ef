// Memory checks of OP_INSTANCE_SET_PARAMS (Ganeti's LUInstanceSetParams.CheckPrereq): a larger maxmem for a running
// instance must fit its primary (and, with auto_balance, each secondary for a failover) unless --force; runtime_mem
// balloons a running instance within [minmem, maxmem] unless --force, and needs the difference free on the node.
import { OpPrereqError } from "../../errors";
import type { FilledBeparams } from "../../objects/fill";
import type { Instance } from "../../objects/types";
import type { InstanceRunInfo } from "../../rpc/node-rpc";
import { nodeName } from "../common";
import type { OpContext } from "../definition";
import { checkFreeMemory } from "./power";

/** What the primary says runs; null when it does not run there, undefined when the node could not tell. */
export async function runInfo(ctx: OpContext, instance: Instance): Promise<InstanceRunInfo | null | undefined> {
  if (ctx.config.node(instance.primary_node)?.offline) return undefined;
  try {
    return await ctx.rpc.node(instance.primary_node).instanceInfo(instance.name);
  } catch {
    return undefined;
  }
}

export async function checkMaxmemGrowth(
  ctx: OpContext,
  instance: Instance,
  running: InstanceRunInfo | null | undefined,
  before: FilledBeparams,
  after: FilledBeparams,
): Promise<void> {
  if (after.maxmem <= before.maxmem) return;
  if (running === undefined) {
    ctx.log(`- WARNING: Can't get info from primary node ${nodeName(ctx.config, instance.primary_node)}; memory not checked`);
    return;
  }
  // A stopped instance is checked when it starts; only a running one holds memory the change must fit next to.
  if (!running) return;
  const resources = await ctx.allocator.resources(ctx.rpc, instance.primary_node);
  if (!resources) {
    ctx.log(`- WARNING: Can't get info from primary node ${nodeName(ctx.config, instance.primary_node)}; memory not checked`);
    return;
  }
  const missing = after.maxmem - running.memory - resources.memoryFree;
  if (missing > 0) {
    throw new OpPrereqError(
      `This change will prevent the instance from starting, due to ${missing} MB of memory missing on its primary node (use --force to change it anyway)`,
      "insufficient_resources",
    );
  }
  if (!after.auto_balance) return;
  for (const node of ctx.config.secondaryNodes(instance)) {
    const free = await ctx.allocator.resources(ctx.rpc, node);
    if (!free) throw new OpPrereqError(`Can't get info from secondary node ${nodeName(ctx.config, node)}`, "wrong_state");
    if (after.maxmem > free.memoryFree) {
      throw new OpPrereqError(
        `This change will prevent the instance from failover to its secondary node ${nodeName(ctx.config, node)}, due to not enough memory`,
        "wrong_state",
      );
    }
  }
}

export async function checkRuntimeMemory(
  ctx: OpContext,
  instance: Instance,
  running: InstanceRunInfo | null | undefined,
  memory: number,
  proposed: FilledBeparams,
  force: boolean,
): Promise<void> {
  if (running === undefined) throw new OpPrereqError(`Error checking node ${nodeName(ctx.config, instance.primary_node)}: it does not answer`, "environment_error");
  if (!running) throw new OpPrereqError(`Instance ${instance.name} is not running`, "wrong_state");
  if (!force && (memory > proposed.maxmem || memory < proposed.minmem)) {
    throw new OpPrereqError(
      `Instance ${instance.name} must have memory between ${proposed.minmem} and ${proposed.maxmem} MB of memory unless --force is given`,
      "wrong_input",
    );
  }
  const delta = memory - running.memory;
  if (delta > 0) await checkFreeMemory(ctx, instance.primary_node, delta, `ballooning memory for instance ${instance.name}`);
}
