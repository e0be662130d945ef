// OP_INSTANCE_REINSTALL (gnt-instance reinstall): runs the OS create scripts again on a stopped instance's disks,
// optionally with another OS or new OS parameters (recorded first, so a failed install can simply be retried).
import { z } from "zod";
import { OpExecError, OpPrereqError } from "../../errors";
import type { Instance, Params } from "../../objects/types";
import { checkNodeOnline, instanceLock, instanceNameParam, instanceSpec, nodeLocks, nodeName, requireInstance } from "../common";
import { defineOpcode, nonEmptyString, opParams } from "../definition";
import { shutdownInstanceDisks } from "./disk-activation";
import { assembleDisks } from "./disks";
import { checkInstanceStateLive } from "./instance-state";
import { checkNodeHasOs, checkOsParams } from "./os-check";
import { updatedParams } from "../../objects/params";

const osParams = z.record(z.string(), z.unknown()).nullable().default(null);

const params = opParams({
  instance_name: instanceNameParam,
  os_type: nonEmptyString().nullable().default(null),
  force_variant: z.boolean().default(false),
  osparams: osParams,
  osparams_private: osParams,
  osparams_secret: osParams,
});

type ReinstallParams = z.infer<typeof params>;
type Plan = { instance: Instance; os: string; osparams: Params; osparamsPrivate: Params };

export const instanceReinstall = defineOpcode<ReinstallParams, Plan>({
  id: "OP_INSTANCE_REINSTALL",
  params,
  summaryField: "instance_name",
  locks(ctx, p) {
    const instance = requireInstance(ctx.config, p.instance_name);
    return [instanceLock(instance.uuid), ...nodeLocks(ctx.config.instanceNodes(instance), "shared")];
  },
  async prereq(ctx, p) {
    const instance = requireInstance(ctx.config, p.instance_name);
    const primary = ctx.config.node(instance.primary_node)!;
    checkNodeOnline(primary, `reinstalling ${instance.name}`);
    if (!instance.disks.length) throw new OpPrereqError(`Instance '${instance.name}' has no disks`, "wrong_input");
    await checkInstanceStateLive(ctx, instance, ["down"], "cannot reinstall");
    const os = p.os_type ?? instance.os;
    if (!os) throw new OpPrereqError(`Instance ${instance.name} has no OS recorded; pass -o OS`, "wrong_input");
    const definition = await checkNodeHasOs(ctx, primary, os, p.force_variant);
    const osparams = updatedParams(instance.osparams, p.osparams ?? {});
    const osparamsPrivate = updatedParams(instance.osparams_private, p.osparams_private ?? {});
    checkOsParams(definition, { ...osparams, ...osparamsPrivate, ...p.osparams_secret });
    return { instance, os, osparams, osparamsPrivate };
  },
  async exec(ctx, p, plan) {
    const { config } = ctx;
    if (p.os_type) ctx.log(`Changing OS scripts to '${p.os_type}'...`);
    const instance = config.updateInstance(plan.instance.uuid, (i) => {
      i.os = plan.os;
      i.osparams = plan.osparams;
      i.osparams_private = plan.osparamsPrivate;
    });
    await config.commit();
    await assembleDisks(ctx, instance);
    try {
      ctx.log("Running the instance OS create scripts...");
      // Secret parameters go to the node for this run only; they are never written to the configuration.
      const spec = instanceSpec(config, instance);
      spec.osparams = { ...spec.osparams, ...p.osparams_secret };
      let lines: string[];
      try {
        lines = await ctx.rpc.node(instance.primary_node).instanceOsAdd(spec, true);
      } catch (error) {
        throw new OpExecError(`Could not install OS for instance '${instance.name}' on node '${nodeName(config, instance.primary_node)}': ${(error as Error).message}`);
      }
      for (const line of lines) ctx.log(line);
    } finally {
      if (!instance.disks_active) await shutdownInstanceDisks(ctx, instance);
    }
    return null;
  },
});

/** Puts back disks that were inactive before (Ganeti's ShutdownInstanceDisks after a reinstall); failures only warn. */
