// Add or remove a VM's tags (VM tags or admin, or cluster admin or tags). The owner tag (gantry:owner:…) is the
// manager's own mirror of ownership: it changes only with the owner.
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import type { JobDeps, Submitted } from "@/lib/manager/jobs/submit-job";
import { OWNER_TAG_PREFIX } from "@/lib/manager/personas/owner-tag";
import { runInstanceJob } from "./instance-job";
import type { InstanceRef } from "./instance-target";

// Ganeti's tag rules: 1–128 characters of letters, digits and . + * / : @ _ -
const tag = z.string().regex(/^[\w.+*/:@-]{1,128}$/, "Tags: 1–128 letters, digits or . + * / : @ _ - each.");
export const tagsInput = z.object({ tags: z.array(tag).min(1, "Tags: give at least one.").max(50, "Tags: at most 50 at a time.") }).strict();

export async function changeInstanceTags(deps: JobDeps, { actor, ref, add, input }: { actor: Actor; ref: InstanceRef; add: boolean; input: unknown }): Promise<Submitted> {
  const { tags } = parseInput(tagsInput, input);
  const reserved = tags.find((t) => t.startsWith(OWNER_TAG_PREFIX));
  if (reserved) throw new AppError("wrong_input", `Tags: '${reserved}' is Gantry's record of the VM's owner; change the owner instead.`);
  return runInstanceJob(deps, {
    actor,
    ref,
    rule: "instance.tags",
    action: add ? "instance.add_tags" : "instance.remove_tags",
    check: ({ instance }) => {
      if (add) return;
      const present = new Set(JSON.parse(instance.tags) as string[]);
      const missing = tags.filter((t) => !present.has(t));
      if (missing.length) throw new AppError("wrong_input", `Tags: the VM has no tag ${missing.map((t) => `'${t}'`).join(", ")}.`);
    },
    after: { tags },
    submit: (client, name) => (add ? client.addTags({ instance: name }, tags) : client.deleteTags({ instance: name }, tags)),
  });
}
