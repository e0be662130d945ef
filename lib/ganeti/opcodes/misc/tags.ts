// OP_TAGS_SET and OP_TAGS_DEL (gnt-* add-tags / remove-tags, RAPI .../tags): tags are validated (Ganeti's rules in
// objects/tags.ts) before anything changes; deleting a tag the object does not carry is refused, naming it.
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import { addTags, validateTag } from "../../objects/tags";
import { defineOpcode, opParams } from "../definition";
import { tagKindParam, tagLocks, tagTarget, type TagTarget } from "./tag-target";

const params = opParams({
  kind: tagKindParam,
  name: z.string().nullable().optional(),
  tags: z.array(z.string()),
});
type Params = z.infer<typeof params>;

export const tagsSet = defineOpcode<Params, { target: TagTarget; tags: string[] }>({
  id: "OP_TAGS_SET",
  params,
  locks: (ctx, p) => tagLocks(ctx.config, p.kind, p.name),
  prereq(ctx, p) {
    const target = tagTarget(ctx.config, p.kind, p.name);
    return { target, tags: addTags(target.tags(), p.tags) };
  },
  async exec(ctx, p, { target, tags }) {
    target.setTags(ctx.config, tags);
    ctx.log(`- INFO: Added tag(s) ${p.tags.join(", ")} to ${target.label}`);
    return null;
  },
});

export const tagsDel = defineOpcode<Params, { target: TagTarget; tags: string[] }>({
  id: "OP_TAGS_DEL",
  params,
  locks: (ctx, p) => tagLocks(ctx.config, p.kind, p.name),
  prereq(ctx, p) {
    const target = tagTarget(ctx.config, p.kind, p.name);
    p.tags.forEach(validateTag);
    const current = target.tags();
    const missing = [...new Set(p.tags.filter((t) => !current.includes(t)))].sort();
    if (missing.length) throw new OpPrereqError(`Tag(s) ${missing.map((t) => `'${t}'`).join(", ")} not found`, "unknown_entity");
    return { target, tags: current.filter((t) => !p.tags.includes(t)) };
  },
  async exec(ctx, p, { target, tags }) {
    target.setTags(ctx.config, tags);
    ctx.log(`- INFO: Removed tag(s) ${p.tags.join(", ")} from ${target.label}`);
    return null;
  },
});
