// OP_INSTANCE_SHUTDOWN (gnt-instance shutdown): mark down, then stop on the primary within the timeout.
import { z } from "zod";
import type { Instance } from "../../objects/types";
import { checkNodeOnline, instanceLock, instanceNameParam, nodeLocks, requireInstance } from "../common";
import { defineOpcode, opParams } from "../definition";
import { markAdminState, stopOnPrimary } from "./power";

const params = opParams({
  instance_name: instanceNameParam,
  force: z.boolean().default(false),
  ignore_offline_nodes: z.boolean().default(false),
  timeout: z.number().int().min(0).default(120),
  no_remember: z.boolean().default(false),
  admin_state_source: z.enum(["admin", "user"]).default("admin"),
});

export const instanceShutdown = defineOpcode<z.infer<typeof params>, { instance: Instance; primaryOffline: boolean }>({
  id: "OP_INSTANCE_SHUTDOWN",
  params,
  summaryField: "instance_name",
  locks(ctx, p) {
    const instance = requireInstance(ctx.config, p.instance_name);
    return [instanceLock(instance.uuid), ...nodeLocks([instance.primary_node], "shared")];
  },
  prereq(ctx, p) {
    const instance = requireInstance(ctx.config, p.instance_name);
    const primary = ctx.config.node(instance.primary_node)!;
    if (!p.ignore_offline_nodes) checkNodeOnline(primary, `shutting down ${instance.name}`);
    return { instance, primaryOffline: primary.offline };
  },
  async exec(ctx, p, { instance, primaryOffline }) {
    if (!p.no_remember) await markAdminState(ctx, instance, "down", p.admin_state_source);
    if (primaryOffline) {
      ctx.log(`- WARNING: primary node is offline, only the configuration was changed`);
      return null;
    }
    try {
      await stopOnPrimary(ctx, instance, p.timeout);
    } catch (error) {
      ctx.log(`- WARNING: Could not shutdown instance: ${(error as Error).message}`);
      if (!p.force) throw error;
    }
    return null;
  },
});
