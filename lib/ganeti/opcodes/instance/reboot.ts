// OP_INSTANCE_REBOOT (gnt-instance reboot): soft/hard reboot in place; full = shutdown and start (disks re-assembled).
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import type { Instance } from "../../objects/types";
import { checkInstanceState, checkNodeOnline, instanceLock, instanceNameParam, instanceSpec, nodeLocks, requireInstance } from "../common";
import { defineOpcode, opParams } from "../definition";
import { markAdminState, startOnPrimary, stopOnPrimary } from "./power";

const params = opParams({
  instance_name: instanceNameParam,
  ignore_secondaries: z.boolean().default(false),
  reboot_type: z.enum(["soft", "hard", "full"]).default("hard"),
  shutdown_timeout: z.number().int().min(0).default(120),
});

export const instanceReboot = defineOpcode<z.infer<typeof params>, { instance: Instance; running: boolean }>({
  id: "OP_INSTANCE_REBOOT",
  params,
  summaryField: "instance_name",
  locks(ctx, p) {
    const instance = requireInstance(ctx.config, p.instance_name);
    return [instanceLock(instance.uuid), ...nodeLocks(ctx.config.instanceNodes(instance), "shared")];
  },
  async prereq(ctx, p) {
    const instance = requireInstance(ctx.config, p.instance_name);
    checkInstanceState(instance, "not-offline", "reboot it");
    checkNodeOnline(ctx.config.node(instance.primary_node)!, `rebooting ${instance.name}`);
    const running = Boolean(await ctx.rpc.node(instance.primary_node).instanceInfo(instance.name));
    if (!running && p.reboot_type !== "full") {
      throw new OpPrereqError(`Instance ${instance.name} is not running; start it, or use --type=full`, "wrong_state");
    }
    return { instance, running };
  },
  async exec(ctx, p, { instance, running }) {
    if (p.reboot_type === "full" || !running) {
      if (running) await stopOnPrimary(ctx, instance, p.shutdown_timeout);
      await markAdminState(ctx, instance, "up");
      await startOnPrimary(ctx, instance, { ignoreSecondaries: p.ignore_secondaries });
    } else {
      await ctx.rpc.node(instance.primary_node).instanceReboot(instanceSpec(ctx.config, instance), p.reboot_type, p.shutdown_timeout);
      await markAdminState(ctx, instance, "up");
    }
    return null;
  },
});
