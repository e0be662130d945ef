// A superuser creates a group (members are set separately, see set-group-members.ts).
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Actor } from "@/lib/manager/actor";
import { namedIn, requireSuperuser } from "@/lib/manager/auth/require-superuser";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { auditGroupChange, groupAttempt } from "./group-audit";
import { groupFields } from "./group-input";
import { groupSelect, groupView, type GroupView } from "./group-view";

export const createGroupInput = z.object({ name: groupFields.name, description: groupFields.description.default("") }).strict();

export const groupNameTaken = (name: string) => new AppError("conflict", `Name: a group '${name}' exists already; choose another.`);

export async function createGroup({ db }: { db: Db }, { actor, input }: { actor: Actor; input: unknown }): Promise<GroupView> {
  await requireSuperuser(db, actor, groupAttempt("group.create", namedIn(input, "name")));
  const fields = parseInput(createGroupInput, input);
  const created = await db
    .$transaction(async (tx) => {
      const group = await tx.group.create({ data: fields, select: groupSelect });
      await auditGroupChange(tx, actor, "group.create", { after: group });
      return group;
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? groupNameTaken(fields.name) : error;
    });
  return groupView(created);
}
