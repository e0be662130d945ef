// OP_INSTANCE_STARTUP (gnt-instance startup): mark up, then start on the primary with its disks assembled.
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import { fillBeparams } from "../../objects/fill";
import type { Instance } from "../../objects/types";
import { checkInstanceState, checkNodeOnline, instanceLock, instanceNameParam, nodeLocks, requireInstance } from "../common";
import { defineOpcode, opParams } from "../definition";
import { checkFreeMemory, markAdminState, startOnPrimary } from "./power";

const params = opParams({
  instance_name: instanceNameParam,
  force: z.boolean().default(false),
  ignore_offline_nodes: z.boolean().default(false),
  hvparams: z.record(z.string(), z.unknown()).default({}),
  beparams: z.record(z.string(), z.unknown()).default({}),
  no_remember: z.boolean().default(false),
  startup_paused: z.boolean().default(false),
  shutdown_timeout: z.number().int().min(0).default(120),
});

export const instanceStartup = defineOpcode<z.infer<typeof params>, { instance: Instance; alreadyRunning: boolean }>({
  id: "OP_INSTANCE_STARTUP",
  params,
  summaryField: "instance_name",
  locks(ctx, p) {
    const instance = requireInstance(ctx.config, p.instance_name);
    return [instanceLock(instance.uuid), ...nodeLocks(ctx.config.instanceNodes(instance), "shared")];
  },
  async prereq(ctx, p) {
    const instance = requireInstance(ctx.config, p.instance_name);
    checkInstanceState(instance, "not-offline", "start it");
    const primary = ctx.config.node(instance.primary_node)!;
    checkNodeOnline(primary, `starting ${instance.name}`);
    const running = await ctx.rpc.node(primary.uuid).instanceInfo(instance.name);
    if (!running) {
      const be = fillBeparams(ctx.config.cluster, instance);
      await checkFreeMemory(ctx, primary.uuid, be.maxmem, `starting instance ${instance.name}`);
    }
    for (const node of ctx.config.secondaryNodes(instance)) {
      if (ctx.config.node(node)!.offline && !p.force) {
        throw new OpPrereqError(`Secondary node ${ctx.config.node(node)!.name} of ${instance.name} is offline; use --force to start with degraded disks`, "wrong_state");
      }
    }
    return { instance, alreadyRunning: Boolean(running) };
  },
  async exec(ctx, p, { instance, alreadyRunning }) {
    if (!p.no_remember) await markAdminState(ctx, instance, "up");
    if (alreadyRunning) {
      ctx.log(`Instance ${instance.name} is already running`);
      return null;
    }
    await startOnPrimary(ctx, instance, { ignoreSecondaries: p.force });
    return null;
  },
});
