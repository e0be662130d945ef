// Failover (Ganeti's TLMigrateInstance._ExecFailover): stop the instance on its primary, take its disks down,
// record the new primary, then — if it is marked up — bring the disks up with the roles swapped and start it there.
// A primary that is offline, or (with ignore_consistency) does not answer, is skipped: the caller vouches it is down.
import { OpExecError } from "../../errors";
import { instanceSpec, nodeName } from "../common";
import type { OpContext } from "../definition";
import { assembleInstanceDisks, shutdownInstanceDisks } from "./disk-activation";
import { checkDiskConsistency, errorMessage } from "./disk-health";
import { setPrimaryNode } from "./migration-exec";
import type { MigrationPlan } from "./migration-prereq";

export async function execFailover(ctx: OpContext, plan: MigrationPlan): Promise<null> {
  const { config } = ctx;
  const { instance, source, target } = plan;
  const { ignore_consistency: ignoreConsistency, shutdown_timeout: timeout } = plan.request;
  const primary = config.node(source)!;
  const sourceName = primary.name;
  const targetName = nodeName(config, target);

  if (instance.disks_active) {
    ctx.log("* checking disk consistency between source and target");
    for (const [index, disk] of config.instanceDisks(instance).entries()) {
      if (await checkDiskConsistency(ctx, instance, disk, target, false)) continue;
      if (primary.offline) {
        ctx.log(`Node ${sourceName} is offline, ignoring degraded disk ${index} on target node ${targetName}`);
      } else if (!ignoreConsistency) {
        throw new OpExecError(`Disk ${index} is degraded on target node, aborting failover`);
      }
    }
  } else {
    ctx.log("* not checking disk consistency as instance is not running");
  }

  ctx.log("* shutting down instance on source node");
  try {
    await ctx.rpc.node(source).instanceShutdown(instance.name, timeout);
  } catch (error) {
    if (!ignoreConsistency && !primary.offline) {
      throw new OpExecError(`Could not shutdown instance ${instance.name} on node ${sourceName}: ${errorMessage(error)}`);
    }
    ctx.log(
      `- WARNING: Could not shutdown instance ${instance.name} on node ${sourceName}, proceeding anyway; please make sure node ${sourceName} is down; error details: ${errorMessage(error)}`,
    );
  }

  ctx.log("* deactivating the instance's disks on source node");
  if (!(await shutdownInstanceDisks(ctx, instance, { ignorePrimary: true }))) {
    await config.commit();
    throw new OpExecError("Can't shut down the instance's disks");
  }
  await setPrimaryNode(ctx, plan, target);

  if (instance.admin_state !== "up") return null;
  ctx.log(`* activating the instance's disks on target node ${targetName}`);
  const { ok } = await assembleInstanceDisks(ctx, instance, { ignoreSecondaries: true });
  if (!ok) {
    await shutdownInstanceDisks(ctx, instance);
    throw new OpExecError(`Can't activate the instance's disks; ${instance.name} is now configured on ${targetName} and stopped`);
  }
  await config.commit();
  ctx.log(`* starting the instance on the target node ${targetName}`);
  try {
    await ctx.rpc.node(target).instanceStart(instanceSpec(config, instance), {});
  } catch (error) {
    await shutdownInstanceDisks(ctx, instance);
    throw new OpExecError(`Could not start instance ${instance.name} on node ${targetName}: ${errorMessage(error)}`);
  }
  return null;
}
