// OP_INSTANCE_DEACTIVATE_DISKS (gnt-instance deactivate-disks): shuts the instance's disks down on all its nodes.
// Refused while the instance is marked up or runs, unless forced (then failures are only warnings).
import { z } from "zod";
import { OpExecError } from "../../errors";
import type { Instance } from "../../objects/types";
import { instanceLock, instanceNameParam, nodeLocks, requireInstance } from "../common";
import { defineOpcode, opParams } from "../definition";
import { shutdownInstanceDisks } from "./disk-activation";
import { checkInstanceStateLive } from "./instance-state";

const params = opParams({
  instance_name: instanceNameParam,
  force: z.boolean().default(false),
});

export const instanceDeactivateDisks = defineOpcode<z.infer<typeof params>, { instance: Instance }>({
  id: "OP_INSTANCE_DEACTIVATE_DISKS",
  params,
  summaryField: "instance_name",
  locks(ctx, p) {
    const instance = requireInstance(ctx.config, p.instance_name);
    return [instanceLock(instance.uuid), ...nodeLocks(ctx.config.instanceNodes(instance))];
  },
  async prereq(ctx, p) {
    const instance = requireInstance(ctx.config, p.instance_name);
    if (!p.force) await checkInstanceStateLive(ctx, instance, ["down"], "cannot shutdown disks");
    return { instance };
  },
  async exec(ctx, p, { instance }) {
    const ok = await shutdownInstanceDisks(ctx, instance);
    await ctx.config.commit();
    if (ok) return null;
    if (!p.force) throw new OpExecError(`Could not shut down all block devices of ${instance.name}; see the warnings above`);
    ctx.log("- WARNING: some devices could not be shut down; forced, so the disks are marked inactive anyway");
    return null;
  },
});
