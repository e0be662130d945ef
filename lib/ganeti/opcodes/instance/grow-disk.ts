// OP_INSTANCE_GROW_DISK (gnt-instance grow-disk): grows one disk by an amount (or to a size with `absolute`), on
// every node holding it, then waits for DRBD to resync the new area if asked.
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import type { Instance } from "../../objects/types";
import { formatUnit } from "../../objects/units";
import { checkNodeOnline, instanceLock, instanceNameParam, nodeLocks, requireInstance } from "../common";
import { defineOpcode, opParams } from "../definition";
import { checkNodesFreeSpace, computeGrowth, diskAt, diskSizeViolations, growDisk, type Growth } from "./disk-grow";
import { waitForSync } from "./disks";

const params = opParams({
  instance_name: instanceNameParam,
  disk: z.number().int().min(0),
  amount: z.number().int().min(0),
  wait_for_sync: z.boolean().default(true),
  absolute: z.boolean().default(false),
  ignore_ipolicy: z.boolean().default(false),
});

type GrowParams = z.infer<typeof params>;

export const instanceGrowDisk = defineOpcode<GrowParams, { instance: Instance; growth: Growth }>({
  id: "OP_INSTANCE_GROW_DISK",
  params,
  summaryField: "instance_name",
  locks(ctx, p) {
    const instance = requireInstance(ctx.config, p.instance_name);
    return [instanceLock(instance.uuid), ...nodeLocks(ctx.config.instanceNodes(instance))];
  },
  async prereq(ctx, p) {
    const instance = requireInstance(ctx.config, p.instance_name);
    for (const node of ctx.config.instanceNodes(instance)) checkNodeOnline(ctx.config.node(node)!, `growing disks of ${instance.name}`);
    if (instance.disk_template === "diskless") throw new OpPrereqError("Instance's disk layout does not support growing", "wrong_input");
    const growth = computeGrowth(diskAt(ctx, instance, p.disk), p.disk, p.amount, p.absolute);
    await checkNodesFreeSpace(ctx, instance, new Map(growth.disk.nodes.map((node) => [node, growth.delta])));
    const sizes = ctx.config.instanceDisks(instance).map((d) => (d.uuid === growth.disk.uuid ? growth.target : d.size));
    const violations = diskSizeViolations(ctx, instance, sizes);
    if (violations.length) {
      const message = `Growing disk ${p.disk} violates policy: ${violations.join(", ")}`;
      if (!p.ignore_ipolicy) throw new OpPrereqError(message, "wrong_input");
      ctx.log(`- WARNING: ${message}`);
    }
    return { instance, growth };
  },
  async exec(ctx, p, { instance, growth }) {
    ctx.log(`Growing disk ${p.disk} of instance '${instance.name}' by ${formatUnit(growth.delta)} to ${formatUnit(growth.target)}`);
    await growDisk(ctx, instance, growth);
    if (p.wait_for_sync && growth.disk.dev_type === "drbd") {
      try {
        await waitForSync(ctx, instance);
      } catch (error) {
        ctx.log(`- WARNING: Disk syncing has not returned a good status; check the instance (${(error as Error).message})`);
      }
    }
    return null;
  },
});
