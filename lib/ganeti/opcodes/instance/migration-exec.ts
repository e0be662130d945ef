// Live migration (Ganeti's TLMigrateInstance._ExecMigration and _ExecCleanup). For DRBD both ends become primary
// for the hand-over and the old primary's end is demoted afterwards; shared storage needs no disk steps. The
// configuration switches to the new primary only once the source has let go of the instance, and a failure before
// that is rolled back (target and source told to abort, disks back to single-master) before it is reported.
import { OpExecError } from "../../errors";
import { instanceSpec, nodeName } from "../common";
import type { OpContext } from "../definition";
import { checkDiskConsistency, errorMessage } from "./disk-health";
import { ensureSecondary, goReconnect, goStandalone, waitUntilSync, type DrbdPair } from "./drbd-modes";
import type { MigrationPlan } from "./migration-prereq";

/** Records the new primary: DRBD disks keep their two nodes (the new primary listed first), shared disks move. */
export async function setPrimaryNode(ctx: OpContext, plan: MigrationPlan, target: string): Promise<void> {
  const { config } = ctx;
  config.updateInstance(plan.instance.uuid, (i) => (i.primary_node = target));
  for (const disk of config.instanceDisks(plan.instance)) {
    const nodes = plan.internal ? [target, ...disk.nodes.filter((n) => n !== target)] : [target];
    config.updateDisk(disk.uuid, (d) => {
      d.nodes = nodes;
      for (const child of d.children) child.nodes = [...nodes];
    });
  }
  await config.commit();
}

export async function execMigration(ctx: OpContext, plan: MigrationPlan): Promise<null> {
  const { config } = ctx;
  const { instance, source, target } = plan;
  const targetName = nodeName(config, target);
  const pair: DrbdPair = { ctx, instance, nodes: [source, target] };

  ctx.log("* checking disk consistency between source and target");
  for (const [index, disk] of config.instanceDisks(instance).entries()) {
    if (!(await checkDiskConsistency(ctx, instance, disk, target, false))) {
      throw new OpExecError(`Disk ${index} is degraded or not fully synchronized on target node, aborting migration`);
    }
  }
  // The target reserves what the instance runs with now, which may be less than its maximum.
  const spec = { ...instanceSpec(config, instance, target), ...(plan.currentMem !== null ? { memory: plan.currentMem } : {}) };
  if (plan.currentMem !== null && plan.tgtFreeMem !== null && plan.currentMem > plan.tgtFreeMem) {
    if (!plan.request.allow_runtime_changes) {
      throw new OpExecError(
        `Memory ballooning not allowed and not enough free memory to fit instance ${instance.name} on target node ${targetName} (have ${plan.tgtFreeMem}MB, need ${plan.currentMem}MB)`,
      );
    }
    ctx.log(`* setting instance memory to ${plan.tgtFreeMem}`);
    try {
      await ctx.rpc.node(source).instanceBalloonMemory(instance.name, plan.tgtFreeMem);
    } catch (error) {
      throw new OpExecError(`Cannot modify instance runtime memory: ${errorMessage(error)}`);
    }
    spec.memory = plan.tgtFreeMem;
  }

  let accepted = false;
  try {
    if (plan.internal) {
      await ensureSecondary(pair, target);
      await goStandalone(pair);
      await goReconnect(pair, true);
      await waitUntilSync(pair);
    }
    ctx.log(`* preparing ${targetName} to accept the instance`);
    try {
      await ctx.rpc.node(target).acceptInstance(spec, nodeName(config, source));
      accepted = true;
    } catch (error) {
      ctx.log("Pre-migration failed, aborting");
      throw new OpExecError(`Could not pre-migrate instance ${instance.name}: ${errorMessage(error)}`);
    }
    ctx.log(`* migrating instance to ${targetName}`);
    try {
      await ctx.rpc.node(source).migrateInstance({ ...instanceSpec(config, instance, source), memory: spec.memory }, migrationAddress(ctx, target), plan.live);
      ctx.log("* starting memory transfer");
      await followMemoryTransfer(ctx, source, instance.name);
    } catch (error) {
      ctx.log("Migration failed, aborting");
      throw new OpExecError(`Could not migrate instance ${instance.name}: ${errorMessage(error)}`);
    }
    ctx.log("* memory transfer complete");
  } catch (error) {
    if (accepted) await abortMigration(ctx, plan);
    const reverted = await revertDiskStatus(ctx, plan);
    const state = reverted
      ? `the migration was rolled back: ${instance.name} still runs on ${nodeName(config, source)}${plan.internal ? ", its disks in single-master mode" : ""}`
      : `${instance.name} still runs on ${nodeName(config, source)}, but its disks may be left in dual-master mode; run 'gnt-instance migrate --cleanup ${instance.name}'`;
    throw new OpExecError(`${errorMessage(error)}; ${state}`, { cause: error });
  }

  const cleanupHint = `; run 'gnt-instance migrate --cleanup ${instance.name}' to find where it runs and repair the configuration`;
  try {
    await ctx.rpc.node(source).finalizeMigration(instanceSpec(config, instance, source), "source", true);
  } catch (error) {
    throw new OpExecError(`Could not finalize instance migration: ${errorMessage(error)}${cleanupHint}`);
  }
  await setPrimaryNode(ctx, plan, target);
  try {
    await ctx.rpc.node(target).finalizeMigration(instanceSpec(config, instance, target), "target", true);
  } catch (error) {
    throw new OpExecError(`Could not finalize instance migration: ${errorMessage(error)}${cleanupHint}`);
  }

  if (plan.internal) {
    try {
      await ensureSecondary(pair, source);
      await waitUntilSync(pair);
      await goStandalone(pair);
      await goReconnect(pair, false);
      await waitUntilSync(pair);
    } catch (error) {
      throw new OpExecError(
        `${instance.name} now runs on ${targetName}, but its disks could not be returned to single-master mode: ${errorMessage(error)}; run 'gnt-instance migrate --cleanup ${instance.name}'`,
      );
    }
  }
  ctx.log("* done");
  return null;
}

/** Where the source sends the instance: a virtual node by name, a real host's noded at its (secondary) address. */
function migrationAddress(ctx: OpContext, target: string): string {
  const node = ctx.config.node(target)!;
  return node.transport === "noded" ? node.secondary_ip : node.name;
}

/** A small guest moves in a fraction of a second: the first polls come quickly, then every 500 ms. */
const FIRST_POLL_MS = 25;
const PROGRESS_POLL_MS = 500;
/** QEMU's words for a migration that ended without completing (anything else is still under way). */
const MIGRATION_ENDED = new Set(["none", "failed", "cancelling", "cancelled"]);
const PROGRESS_LOG_MS = 2000;

/**
 * Asks the source how far the memory transfer is until it ends (Ganeti's _ExecMigration loop), with a line in the job
 * log as it advances: "* memory transfer progress: 42.00 %".
 */
async function followMemoryTransfer(ctx: OpContext, source: string, name: string): Promise<void> {
  let lastLogged = 0;
  for (let poll = FIRST_POLL_MS; ; poll = Math.min(2 * poll, PROGRESS_POLL_MS)) {
    const progress = await ctx.rpc.node(source).instanceMigrationStatus(name);
    if (progress.status === "completed") return;
    if (MIGRATION_ENDED.has(progress.status)) {
      throw new OpExecError(`the migration ${progress.status === "none" ? "did not start" : progress.status}${progress.error ? `: ${progress.error}` : ""}`);
    }
    if (progress.total > 0 && Date.now() - lastLogged >= PROGRESS_LOG_MS) {
      ctx.log(`* memory transfer progress: ${((100 * progress.transferred) / progress.total).toFixed(2)} %`);
      lastLogged = Date.now();
    }
    await ctx.sleep(poll);
  }
}

/** Tells both sides to give up a started migration; failures are logged, the disks still have to be reverted. */
async function abortMigration(ctx: OpContext, plan: MigrationPlan): Promise<void> {
  const { config } = ctx;
  for (const [node, role] of [
    [plan.target, "target"],
    [plan.source, "source"],
  ] as const) {
    try {
      await ctx.rpc.node(node).finalizeMigration(instanceSpec(config, plan.instance, node), role, false);
    } catch (error) {
      ctx.log(`- WARNING: Aborting migration failed on ${role} node ${nodeName(config, node)}: ${errorMessage(error)}`);
    }
  }
}

/** Puts the DRBD pair back to single-master with the source primary; false (and a warning) when it cannot. */
async function revertDiskStatus(ctx: OpContext, plan: MigrationPlan): Promise<boolean> {
  if (!plan.internal) return true;
  const pair: DrbdPair = { ctx, instance: plan.instance, nodes: [plan.source, plan.target] };
  try {
    await ensureSecondary(pair, plan.target);
    await goStandalone(pair);
    await goReconnect(pair, false);
    await waitUntilSync(pair);
    return true;
  } catch (error) {
    ctx.log(`- WARNING: Migration failed and I can't reconnect the drives, please try to recover the instance manually; error '${errorMessage(error)}'`);
    return false;
  }
}

/** After a failed migration: find where the instance runs, record that, and put the disks in single-master mode. */
export async function execCleanup(ctx: OpContext, plan: MigrationPlan): Promise<null> {
  const { config } = ctx;
  const { instance, source, target } = plan;
  ctx.log("* checking where the instance actually runs (if this hangs, the hypervisor might be in a bad state)");
  const runsOn = async (node: string) => {
    try {
      return (await ctx.rpc.node(node).allInstancesInfo()).some((i) => i.name === instance.name);
    } catch (error) {
      throw new OpExecError(`Can't contact node ${nodeName(config, node)}: ${errorMessage(error)}`);
    }
  };
  const [onSource, onTarget] = [await runsOn(source), await runsOn(target)];
  if (onSource && onTarget) {
    throw new OpExecError(
      "Instance seems to be running on two nodes, or the hypervisor is confused; you will have to ensure manually that it runs only on one and restart this operation",
    );
  }
  if (!onSource && !onTarget) {
    throw new OpExecError(
      "Instance does not seem to be running at all; in this case it's safer to repair by running 'gnt-instance stop' to ensure disk shutdown, and then restarting it",
    );
  }
  let demoted: string;
  if (onTarget) {
    ctx.log(`* instance running on secondary node (${nodeName(config, target)}), updating config`);
    await setPrimaryNode(ctx, plan, target);
    demoted = source;
  } else {
    ctx.log(`* instance confirmed to be running on its primary node (${nodeName(config, source)})`);
    demoted = target;
  }
  // A hand-over that never completed leaves the memory reserved on the node that did not get the instance.
  await ctx.rpc
    .node(demoted)
    .finalizeMigration(instanceSpec(config, instance, demoted), "target", false)
    .catch((error) => ctx.log(`- WARNING: could not clear an unfinished migration on ${nodeName(config, demoted)}: ${errorMessage(error)}`));

  if (plan.internal) {
    const pair: DrbdPair = { ctx, instance, nodes: [source, target] };
    await ensureSecondary(pair, demoted);
    try {
      await waitUntilSync(pair);
    } catch {
      // A standalone device cannot sync; reconnecting below fixes that.
    }
    await goStandalone(pair);
    await goReconnect(pair, false);
    await waitUntilSync(pair);
  }
  ctx.log("* done");
  return null;
}
