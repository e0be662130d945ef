// OP_GROUP_ADD (gnt-group add).
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import { newUuid, nowSeconds } from "../../objects/ids";
import { GROUP_NAME_RE } from "../../objects/names";
import { defineOpcode, opParams } from "../definition";

const params = opParams({
  group_name: z.string().min(1),
  alloc_policy: z.enum(["preferred", "last_resort", "unallocable"]).nullable().optional(),
  ndparams: z.record(z.string(), z.unknown()).nullable().optional(),
  diskparams: z.record(z.string(), z.record(z.string(), z.unknown())).nullable().optional(),
  ipolicy: z.record(z.string(), z.unknown()).nullable().optional(),
  hv_state: z.unknown().optional(),
  disk_state: z.unknown().optional(),
});

export const groupAdd = defineOpcode<z.infer<typeof params>, null>({
  id: "OP_GROUP_ADD",
  params,
  summaryField: "group_name",
  locks: () => [{ level: "nodegroup", name: "[set]", mode: "exclusive" }],
  prereq(ctx, p) {
    if (!GROUP_NAME_RE.test(p.group_name)) throw new OpPrereqError(`Invalid group name '${p.group_name}'`, "wrong_input");
    if (ctx.config.hasExactName("nodegroup", p.group_name)) {
      throw new OpPrereqError(`Desired group name '${p.group_name}' already exists as a node group (UUID: ${ctx.config.lookupName("nodegroup", p.group_name)})`, "already_exists");
    }
    return null;
  },
  async exec(ctx, p) {
    const now = nowSeconds();
    ctx.config.addGroup({
      uuid: newUuid(),
      name: p.group_name,
      alloc_policy: p.alloc_policy ?? "preferred",
      ndparams: p.ndparams ?? {},
      diskparams: p.diskparams ?? {},
      ipolicy: (p.ipolicy ?? {}) as never,
      networks: {},
      tags: [],
      serial_no: 1,
      ctime: now,
      mtime: now,
    });
    return null;
  },
});
