// What migrate and failover share before anything moves (Ganeti's TLMigrateInstance.CheckPrereq): which node the
// instance goes to, whether it is a live migration or a failover after all, and that the target can take it.
import { ConfigurationError, OpPrereqError } from "../../errors";
import type { LockSpec } from "../../jobs/locks";
import { fillBeparams, fillHvparams } from "../../objects/fill";
import type { Instance } from "../../objects/types";
import { TEMPLATES } from "../../storage/disk-templates";
import { checkNodeNotDrained, checkNodeOnline, checkNodeRunsHypervisor, checkNodeVmCapable, instanceLock, nodeLocks, nodeName, requireInstance } from "../common";
import type { OpContext } from "../definition";
import { errorMessage } from "./disk-health";
import { checkFreeMemory } from "./power";
import { allocatorOrNode, checkTargetNodePolicy, NODE_ALLOC_LOCK, relocate, resolveNode } from "./target-node";

export type MigrationRequest = {
  instance_name: string;
  cleanup: boolean;
  /** OP_INSTANCE_FAILOVER asks for a failover; OP_INSTANCE_MIGRATE may fall back to one. */
  failover: boolean;
  fallback: boolean;
  ignore_consistency: boolean;
  allow_runtime_changes: boolean;
  shutdown_timeout: number;
  ignore_ipolicy: boolean;
  target_node: string | null;
  target_node_uuid: string | null;
  iallocator: string | null;
  mode: "live" | "non-live" | null;
  live: boolean | null;
};

export type MigrationPlan = {
  instance: Instance;
  source: string;
  target: string;
  /** DRBD (mirrored to the secondary) rather than shared storage. */
  internal: boolean;
  failover: boolean;
  cleanup: boolean;
  live: boolean;
  /** Memory the instance runs with now, and what the target has free (migration only). */
  currentMem: number | null;
  tgtFreeMem: number | null;
  request: MigrationRequest;
};

export function migrationLocks(ctx: OpContext, req: MigrationRequest): LockSpec[] {
  const instance = requireInstance(ctx.config, req.instance_name);
  const own = instanceLock(instance.uuid);
  if (TEMPLATES[instance.disk_template].mirror !== "external") return [own, ...nodeLocks(ctx.config.instanceNodes(instance))];
  const choice = allocatorOrNode(ctx.config, req.iallocator, resolveNode(ctx.config, req.target_node_uuid, req.target_node));
  // With an allocator the target is only known after it ran: hold the allocation lock, lock the nodes then.
  return "node" in choice ? [own, ...nodeLocks([instance.primary_node, choice.node])] : [own, NODE_ALLOC_LOCK];
}

export async function checkMigration(ctx: OpContext, req: MigrationRequest): Promise<MigrationPlan> {
  const { config } = ctx;
  const instance = requireInstance(config, req.instance_name);
  const template = instance.disk_template;
  const be = fillBeparams(config.cluster, instance);
  let failover = req.failover;
  if (!req.cleanup && instance.admin_state !== "up" && !failover && req.fallback) {
    ctx.log("- INFO: Instance is marked down or offline, fallback allowed, switching to failover");
    failover = true;
  }
  const info = TEMPLATES[template];
  if (!info.movable) {
    throw new OpPrereqError(`Instance's disk layout '${template}' does not allow ${failover ? "failovers" : "migrations"}`, "wrong_state");
  }

  let target: string;
  if (info.mirror === "external") {
    const choice = allocatorOrNode(config, req.iallocator, resolveNode(config, req.target_node_uuid, req.target_node));
    if ("node" in choice) {
      target = choice.node;
    } else {
      target = await relocate(ctx, instance, { iallocator: choice.iallocator, exclude: [instance.primary_node], keep: [instance.primary_node] });
      ctx.log(`- INFO: Selected nodes for instance ${instance.name} via iallocator ${choice.iallocator}: ${nodeName(config, target)}`);
    }
    checkTargetNodePolicy(ctx, instance, target, req.ignore_ipolicy);
    if (target === instance.primary_node) {
      throw new OpPrereqError(`Cannot migrate instance ${instance.name} to its primary (${nodeName(config, target)})`, "wrong_state");
    }
  } else {
    const secondaries = config.secondaryNodes(instance);
    if (!secondaries.length) throw new ConfigurationError(`No secondary node but using ${template} disk template`);
    target = secondaries[0]!;
    const given = resolveNode(config, req.target_node_uuid, req.target_node);
    if (req.iallocator || (given && given !== target)) {
      throw new OpPrereqError(
        `Instances with disk template ${template} cannot be ${failover ? "failed over" : "migrated"} to arbitrary nodes (neither an iallocator nor a target node can be passed)`,
        "wrong_input",
      );
    }
    checkTargetNodePolicy(ctx, instance, target, req.ignore_ipolicy);
  }

  if (!req.cleanup && !failover && be.always_failover) {
    ctx.log("- INFO: Instance configured to always failover; fallback to failover");
    failover = true;
  }
  const targetNode = config.node(target)!;
  if (!req.cleanup) {
    checkNodeOnline(targetNode, `${failover ? "failover" : "migration"} of ${instance.name}`);
    checkNodeNotDrained(targetNode);
    checkNodeVmCapable(targetNode);
    if (instance.admin_state === "up") checkNodeRunsHypervisor(targetNode, instance.hypervisor);
  }

  let currentMem: number | null = null;
  if (!failover && !req.cleanup) {
    let problem: string | null = null;
    try {
      const running = await ctx.rpc.node(instance.primary_node).instanceInfo(instance.name);
      if (running) currentMem = running.memory;
      else problem = `Instance ${instance.name} is not running`;
    } catch (error) {
      problem = errorMessage(error);
    }
    if (problem !== null) {
      if (!req.fallback) throw new OpPrereqError(`Can't migrate, please use failover: ${problem}`, "wrong_state");
      ctx.log("- INFO: Can't migrate, instance offline, fallback to failover");
      failover = true;
    }
  }

  // A migration needs room for the instance's minimum memory (it may be ballooned down to fit); a failover starts
  // it afresh with its full memory.
  let tgtFreeMem: number | null = null;
  if (!req.cleanup && (!failover || instance.admin_state === "up")) {
    await checkFreeMemory(ctx, target, failover ? be.maxmem : be.minmem, `migrating instance ${instance.name}`);
    tgtFreeMem = (await ctx.allocator.resources(ctx.rpc, target))?.memoryFree ?? null;
  } else {
    ctx.log("- INFO: Not checking memory on the secondary node as instance will not be started");
  }

  let live = false;
  if (!failover) {
    if (req.live !== null && req.mode !== null) throw new OpPrereqError("Only one of the 'live' and 'mode' parameters are accepted", "wrong_input");
    const mode = req.live !== null ? (req.live ? "live" : "non-live") : (req.mode ?? String(fillHvparams(config.cluster, instance).migration_mode ?? "live"));
    live = mode === "live";
  }
  return { instance, source: instance.primary_node, target, internal: info.mirror === "internal", failover, cleanup: req.cleanup, live, currentMem, tgtFreeMem, request: req };
}
