// Executing the disk steps of OP_INSTANCE_SET_PARAMS, each crash-safe on its own: a new disk is made on its nodes
// before the configuration knows it (a crash leaves orphan volumes, never a disk that does not exist); a removed
// disk leaves the configuration before its volumes go (same reasoning); growth is grow-disk's.
import { OpExecError } from "../../errors";
import type { Disk, Instance } from "../../objects/types";
import { formatUnit } from "../../objects/units";
import { drbdPort, generateDisks, releaseNetworkPorts } from "../../storage/disk-templates";
import type { OpContext } from "../definition";
import { shutdownDisk } from "./disk-activation";
import { growDisk } from "./disk-grow";
import { createDisks, removeDisks, waitForSync } from "./disks";
import type { DiskStep } from "./set-params-disks";

export async function execDiskSteps(ctx: OpContext, instanceUuid: string, steps: DiskStep[], options: { waitForSync: boolean; running: boolean }): Promise<void> {
  if (!steps.length) return;
  let needsSync = false;
  for (const step of steps) {
    const instance = ctx.config.instance(instanceUuid)!;
    if (step.op === "add") {
      const disk = await addDisk(ctx, instance, step);
      needsSync ||= disk.dev_type === "drbd";
      if (options.running) ctx.log(`- INFO: ${instance.name} sees the new ${disk.iv_name} after its next restart (hotplug is not supported)`);
    } else if (step.op === "remove") {
      await removeDisk(ctx, instance, step.uuid);
    } else {
      if (step.growth && step.growth.delta > 0) {
        ctx.log(`Growing disk ${step.index} of instance '${instance.name}' by ${formatUnit(step.growth.delta)} to ${formatUnit(step.growth.target)}`);
        await growDisk(ctx, instance, step.growth);
        needsSync ||= step.growth.disk.dev_type === "drbd";
      }
      if (step.mode !== undefined || step.name !== undefined) {
        ctx.config.updateDisk(step.uuid, (d) => {
          if (step.mode !== undefined) d.mode = step.mode;
          if (step.name !== undefined) d.name = step.name;
        });
      }
    }
  }
  if (needsSync && options.waitForSync) {
    const instance = ctx.config.instance(instanceUuid)!;
    try {
      await waitForSync(ctx, instance);
    } catch (error) {
      throw new OpExecError(`Failed to sync disks of ${instance.name}: ${(error as Error).message} (the disk changes are recorded; check with gnt-instance info)`);
    }
  }
}

async function addDisk(ctx: OpContext, instance: Instance, step: Extract<DiskStep, { op: "add" }>): Promise<Disk> {
  const { config } = ctx;
  const [disk] = generateDisks(
    config,
    { template: instance.disk_template, instanceName: instance.name, primary: instance.primary_node, secondary: config.secondaryNodes(instance)[0], firstIndex: step.index },
    [step.request],
  );
  try {
    await createDisks(ctx, instance, [disk!]);
  } catch (error) {
    const port = drbdPort(disk!);
    if (port !== null) releaseNetworkPorts(config, [port]);
    throw error;
  }
  config.addDisk(instance.uuid, disk!);
  config.updateInstance(instance.uuid, (i) => {
    i.disks = i.disks.filter((uuid) => uuid !== disk!.uuid);
    i.disks.splice(step.index, 0, disk!.uuid);
  });
  renumber(ctx, instance.uuid);
  await config.commit();
  // Ganeti leaves a new disk of an instance whose disks are deactivated deactivated as well.
  if (!instance.disks_active) await shutdownDisk(ctx, instance, disk!);
  return disk!;
}

async function removeDisk(ctx: OpContext, instance: Instance, uuid: string): Promise<void> {
  const { config } = ctx;
  const disk = structuredClone(config.disk(uuid)!);
  config.removeInstanceDisk(instance.uuid, uuid);
  const port = drbdPort(disk);
  if (port !== null) releaseNetworkPorts(config, [port]);
  renumber(ctx, instance.uuid);
  await config.commit();
  const ok = await removeDisks(ctx, instance, [disk], { ignoreFailures: true });
  if (!ok) ctx.log(`- WARNING: Could not remove all volumes of ${disk.iv_name}, continuing anyway; gnt-cluster verify lists them as orphans`);
}

/** Ganeti's _UpdateIvNames: disk/0, disk/1, ... in the instance's order after an add or a remove. */
function renumber(ctx: OpContext, instanceUuid: string): void {
  ctx.config.instance(instanceUuid)!.disks.forEach((uuid, index) => {
    const ivName = `disk/${index}`;
    if (ctx.config.disk(uuid)?.iv_name === ivName) return;
    ctx.config.updateDisk(uuid, (d) => {
      d.iv_name = ivName;
      for (const child of d.children) child.iv_name = ivName;
    });
  });
}
