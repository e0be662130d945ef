// Replace a DRBD VM's disks (cluster replace_disks or admin): on its primary or secondary, or onto a new secondary
// chosen by the allocator or named.
import { z } from "zod";
import type { Actor } from "@/lib/manager/actor";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import type { JobDeps, Submitted } from "@/lib/manager/jobs/submit-job";
import { runInstanceJob } from "./instance-job";
import type { InstanceRef } from "./instance-target";

const MODES = { auto: "replace_auto", primary: "replace_on_primary", secondary: "replace_on_secondary", newSecondary: "replace_new_secondary" } as const;

export const replaceDisksInput = z
  .object({
    mode: z.enum(Object.keys(MODES) as [keyof typeof MODES, ...Array<keyof typeof MODES>], { message: "Mode: auto, primary, secondary or newSecondary." }).default("auto"),
    remoteNode: z.string().trim().min(1).max(255).optional(),
  })
  .strict();

export async function replaceDisks(deps: JobDeps, { actor, ref, input = {} }: { actor: Actor; ref: InstanceRef; input?: unknown }): Promise<Submitted> {
  const { mode, remoteNode } = parseInput(replaceDisksInput, input ?? {});
  return runInstanceJob(deps, {
    actor,
    ref,
    rule: "instance.replace_disks",
    action: "instance.replace_disks",
    before: ({ instance: i }) => ({ pnode: i.pnode, snodes: JSON.parse(i.snodes) as string[] }),
    after: { mode, remoteNode },
    submit: (client, name) =>
      client.replaceInstanceDisks(name, { mode: MODES[mode], ...(mode === "newSecondary" ? (remoteNode ? { remoteNode } : { iallocator: "hail" }) : {}) }),
  });
}
