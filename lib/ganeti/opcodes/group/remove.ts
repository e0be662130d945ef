// OP_GROUP_REMOVE (gnt-group remove): only an empty group goes, and never the last one.
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import type { NodeGroup } from "../../objects/types";
import { groupLock } from "../common";
import { defineOpcode, opParams } from "../definition";

const params = opParams({ group_name: z.string().min(1) });

export const groupRemove = defineOpcode<z.infer<typeof params>, { group: NodeGroup }>({
  id: "OP_GROUP_REMOVE",
  params,
  summaryField: "group_name",
  locks: (ctx, p) => [{ level: "nodegroup", name: "[set]", mode: "exclusive" }, groupLock(ctx.config.expandName("nodegroup", p.group_name))],
  prereq(ctx, p) {
    const group = ctx.config.group(ctx.config.expandName("nodegroup", p.group_name))!;
    const members = ctx.config.nodesOfGroup(group.uuid).map((n) => n.name).sort();
    if (members.length) {
      throw new OpPrereqError(`Group '${group.name}' not empty, has the following nodes: ${members.join(", ")}`, "wrong_state");
    }
    if (ctx.config.groups().length === 1) throw new OpPrereqError(`Group '${group.name}' is the only group, cannot be removed`, "wrong_state");
    return { group };
  },
  async exec(ctx, _p, { group }) {
    ctx.config.removeGroup(group.uuid);
    return null;
  },
});
