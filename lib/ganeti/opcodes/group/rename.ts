// OP_GROUP_RENAME (gnt-group rename): the result is the new name, as Ganeti's.
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import { GROUP_NAME_RE } from "../../objects/names";
import type { NodeGroup } from "../../objects/types";
import { groupLock } from "../common";
import { defineOpcode, opParams } from "../definition";

const params = opParams({ group_name: z.string().min(1), new_name: z.string().min(1) });

export const groupRename = defineOpcode<z.infer<typeof params>, { group: NodeGroup }>({
  id: "OP_GROUP_RENAME",
  params,
  locks: (ctx, p) => [{ level: "nodegroup", name: "[set]", mode: "exclusive" }, groupLock(ctx.config.expandName("nodegroup", p.group_name))],
  prereq(ctx, p) {
    const group = ctx.config.group(ctx.config.expandName("nodegroup", p.group_name))!;
    if (!GROUP_NAME_RE.test(p.new_name)) throw new OpPrereqError(`Invalid group name '${p.new_name}'`, "wrong_input");
    if (ctx.config.hasExactName("nodegroup", p.new_name)) {
      const other = ctx.config.lookupName("nodegroup", p.new_name)!;
      throw new OpPrereqError(`Desired new name '${p.new_name}' clashes with existing node group ${p.new_name} (UUID: ${other})`, "already_exists");
    }
    return { group };
  },
  async exec(ctx, p, { group }) {
    ctx.config.updateGroup(group.uuid, (g) => (g.name = p.new_name));
    return p.new_name;
  },
});
