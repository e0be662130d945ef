// Migrate a VM to its secondary node, or to a chosen node for shared storage (cluster migrate or admin).
import { z } from "zod";
import type { Actor } from "@/lib/manager/actor";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import type { JobDeps, Submitted } from "@/lib/manager/jobs/submit-job";
import { runInstanceJob } from "./instance-job";
import type { InstanceRef } from "./instance-target";

export const migrateInput = z
  .object({
    mode: z.enum(["live", "non-live"], { message: "Mode: live or non-live." }).optional(),
    targetNode: z.string().trim().min(1).max(255, "Target node: at most 255 characters.").optional(),
    cleanup: z.boolean().optional(),
  })
  .strict();

export async function migrateInstance(deps: JobDeps, { actor, ref, input = {} }: { actor: Actor; ref: InstanceRef; input?: unknown }): Promise<Submitted> {
  const options = parseInput(migrateInput, input ?? {});
  return runInstanceJob(deps, {
    actor,
    ref,
    rule: "instance.migrate",
    action: "instance.migrate",
    before: ({ instance: i }) => ({ pnode: i.pnode, snodes: JSON.parse(i.snodes) as string[] }),
    after: options,
    submit: (client, name) => client.migrateInstance(name, options),
  });
}
