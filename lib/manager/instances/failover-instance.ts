// Fail a VM over to its secondary node, or to a chosen node for shared storage (cluster migrate or admin, as
// migration): the VM is stopped and started on the other node, for when live migration is impossible.
import { z } from "zod";
import type { Actor } from "@/lib/manager/actor";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import type { JobDeps, Submitted } from "@/lib/manager/jobs/submit-job";
import { runInstanceJob } from "./instance-job";
import type { InstanceRef } from "./instance-target";

export const failoverInput = z
  .object({
    targetNode: z.string().trim().min(1).max(255, "Target node: at most 255 characters.").optional(),
    ignoreConsistency: z.boolean().optional(),
    timeout: z.number().int().min(0, "Timeout: 0 to 3600 seconds.").max(3600, "Timeout: 0 to 3600 seconds.").optional(),
  })
  .strict();

export async function failoverInstance(deps: JobDeps, { actor, ref, input = {} }: { actor: Actor; ref: InstanceRef; input?: unknown }): Promise<Submitted> {
  const options = parseInput(failoverInput, input ?? {});
  return runInstanceJob(deps, {
    actor,
    ref,
    rule: "instance.migrate",
    action: "instance.failover",
    before: ({ instance: i }) => ({ pnode: i.pnode, snodes: JSON.parse(i.snodes) as string[] }),
    after: options,
    submit: (client, name) => client.failoverInstance(name, { targetNode: options.targetNode, ignoreConsistency: options.ignoreConsistency, shutdownTimeout: options.timeout }),
  });
}
