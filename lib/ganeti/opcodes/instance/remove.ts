// OP_INSTANCE_REMOVE (gnt-instance remove): stop it, take it out of the configuration, then remove its disks.
// In that order a crash leaves at worst orphan volumes (a verify warning), never an instance without its disks.
import { z } from "zod";
import { OpExecError } from "../../errors";
import type { Instance } from "../../objects/types";
import { drbdPort, releaseNetworkPorts } from "../../storage/disk-templates";
import { instanceLock, instanceNameParam, nodeLocks, requireInstance } from "../common";
import { defineOpcode, opParams } from "../definition";
import { removeDisks } from "./disks";
import { stopOnPrimary } from "./power";

const params = opParams({
  instance_name: instanceNameParam,
  ignore_failures: z.boolean().default(false),
  shutdown_timeout: z.number().int().min(0).default(120),
});

export const instanceRemove = defineOpcode<z.infer<typeof params>, { instance: Instance }>({
  id: "OP_INSTANCE_REMOVE",
  params,
  summaryField: "instance_name",
  locks(ctx, p) {
    const instance = requireInstance(ctx.config, p.instance_name);
    return [instanceLock(instance.uuid), ...nodeLocks(ctx.config.instanceNodes(instance))];
  },
  prereq(ctx, p) {
    return { instance: requireInstance(ctx.config, p.instance_name) };
  },
  async exec(ctx, p, { instance }) {
    const primary = ctx.config.node(instance.primary_node)!;
    ctx.log(`Shutting down instance ${instance.name} on target node ${primary.name}`);
    if (!primary.offline) {
      try {
        await stopOnPrimary(ctx, instance, p.shutdown_timeout);
      } catch (error) {
        if (!p.ignore_failures) throw new OpExecError(`Could not shutdown instance ${instance.name} on node ${primary.name}: ${(error as Error).message}`);
        ctx.log(`- WARNING: could not shut down ${instance.name}: ${(error as Error).message}`);
      }
    }
    const disks = ctx.config.instanceDisks(instance).map((d) => structuredClone(d));
    const ports = disks.map(drbdPort).filter((port): port is number => port !== null);
    ctx.log(`Removing instance ${instance.name} out of cluster config`);
    ctx.config.removeInstance(instance.uuid);
    releaseNetworkPorts(ctx.config, instance.network_port ? [...ports, instance.network_port] : ports);
    await ctx.config.commit();
    ctx.log("Removing block devices for instance " + instance.name);
    const ok = await removeDisks(ctx, instance, disks, { ignoreFailures: true });
    if (!ok) ctx.log(`- WARNING: some volumes of ${instance.name} were left behind; gnt-cluster verify lists them as orphans`);
    return null;
  },
});
