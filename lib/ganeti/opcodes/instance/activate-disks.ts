// OP_INSTANCE_ACTIVATE_DISKS (gnt-instance activate-disks): assembles the instance's disks on all its nodes
// (the primary's as primary) and returns, as Ganeti does, [primary node, iv_name, device path] for each disk.
import { z } from "zod";
import { OpExecError } from "../../errors";
import type { Instance } from "../../objects/types";
import { checkNodeOnline, instanceLock, instanceNameParam, nodeLocks, requireInstance } from "../common";
import { defineOpcode, opParams } from "../definition";
import { assembleInstanceDisks } from "./disk-activation";
import { waitForSync } from "./disks";

const params = opParams({
  instance_name: instanceNameParam,
  /** Ganeti skips the size check on assembly; virtual nodes do not check sizes on assembly at all. */
  ignore_size: z.boolean().default(false),
  wait_for_sync: z.boolean().default(false),
});

export const instanceActivateDisks = defineOpcode<z.infer<typeof params>, { instance: Instance }>({
  id: "OP_INSTANCE_ACTIVATE_DISKS",
  params,
  summaryField: "instance_name",
  locks(ctx, p) {
    const instance = requireInstance(ctx.config, p.instance_name);
    return [instanceLock(instance.uuid), ...nodeLocks(ctx.config.instanceNodes(instance))];
  },
  prereq(ctx, p) {
    const instance = requireInstance(ctx.config, p.instance_name);
    checkNodeOnline(ctx.config.node(instance.primary_node)!, `activating the disks of ${instance.name}`);
    return { instance };
  },
  async exec(ctx, p, { instance }) {
    const { ok, info } = await assembleInstanceDisks(ctx, instance);
    if (!ok) throw new OpExecError("Cannot activate block devices");
    await ctx.config.commit();
    if (p.wait_for_sync) {
      try {
        await waitForSync(ctx, instance);
      } catch (error) {
        ctx.config.updateInstance(instance.uuid, (i) => (i.disks_active = false));
        throw new OpExecError(`Some disks of the instance are degraded! (${(error as Error).message})`);
      }
    }
    return info;
  },
});
