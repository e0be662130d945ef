// OP_GROUP_ADD (gnt-group add).
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import { newUuid, nowSeconds } from "../../objects/ids";
import { GROUP_NAME_RE } from "../../objects/names";
import { defineOpcode, opParams } from "../definition";
import { GROUP_PARAMS, groupValues } from "./params";

const params = opParams(GROUP_PARAMS);

export const groupAdd = defineOpcode<z.infer<typeof params>, ReturnType<typeof groupValues>>({
  id: "OP_GROUP_ADD",
  params,
  summaryField: "group_name",
  locks: () => [{ level: "nodegroup", name: "[set]", mode: "exclusive" }],
  prereq(ctx, p) {
    if (!GROUP_NAME_RE.test(p.group_name)) throw new OpPrereqError(`Invalid group name '${p.group_name}'`, "wrong_input");
    if (ctx.config.hasExactName("nodegroup", p.group_name)) {
      throw new OpPrereqError(`Desired group name '${p.group_name}' already exists as a node group (UUID: ${ctx.config.lookupName("nodegroup", p.group_name)})`, "already_exists");
    }
    return groupValues({ ndparams: {}, diskparams: {}, ipolicy: {} }, p);
  },
  async exec(ctx, p, values) {
    const now = nowSeconds();
    ctx.config.addGroup({
      uuid: newUuid(),
      name: p.group_name,
      alloc_policy: p.alloc_policy ?? "preferred",
      ndparams: values.ndparams ?? {},
      diskparams: values.diskparams ?? {},
      ipolicy: values.ipolicy ?? {},
      networks: {},
      tags: [],
      serial_no: 1,
      ctime: now,
      mtime: now,
    });
    return null;
  },
});
