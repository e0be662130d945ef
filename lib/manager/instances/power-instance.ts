// Start, shut down and reboot a VM (VM power or admin, or cluster admin). Starting checks the owner's quota, as GWM
// does: a VM that is up counts its memory and vCPUs.
import { z } from "zod";
import type { Actor } from "@/lib/manager/actor";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import type { JobDeps, Submitted } from "@/lib/manager/jobs/submit-job";
import { runInstanceJob } from "./instance-job";
import type { InstanceRef } from "./instance-target";

export const POWER_ACTIONS = ["startup", "shutdown", "reboot"] as const;
export type PowerAction = (typeof POWER_ACTIONS)[number];

const powerInput = z
  .object({
    /** Shutdown: seconds to wait for the guest before pulling the plug (0: at once, GWM's "shutdown now"). */
    timeout: z.number().int().min(0, "Timeout: 0 to 3600 seconds.").max(3600, "Timeout: 0 to 3600 seconds.").optional(),
    /** Reboot: soft (the guest's), hard (the hypervisor's) or full (stop and start again). */
    type: z.enum(["soft", "hard", "full"], { message: "Reboot type: soft, hard or full." }).optional(),
  })
  .strict();

export async function powerInstance(deps: JobDeps, { actor, ref, action, input = {} }: { actor: Actor; ref: InstanceRef; action: PowerAction; input?: unknown }): Promise<Submitted> {
  const options = parseInput(powerInput, input ?? {});
  return runInstanceJob(deps, {
    actor,
    ref,
    rule: "instance.power",
    action: `instance.${action}`,
    adds: action === "startup" ? (t) => (t.instance.adminState === "up" ? { memory: 0, vcpus: 0, disk: 0 } : { memory: t.instance.memory, vcpus: t.instance.vcpus, disk: 0 }) : undefined,
    after: Object.keys(options).length ? options : undefined,
    submit: (client, name) =>
      action === "startup"
        ? client.startupInstance(name)
        : action === "shutdown"
          ? client.shutdownInstance(name, { shutdownTimeout: options.timeout })
          : client.rebootInstance(name, { type: options.type, shutdownTimeout: options.timeout }),
  });
}
