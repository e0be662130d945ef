// A superuser creates an account with an initial password (told to the person out of band; they change it under
// Account). The e-mail is the sign-in name, unique regardless of case.
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Actor } from "@/lib/manager/actor";
import { namedIn, requireSuperuser } from "@/lib/manager/auth/require-superuser";
import { hashPassword } from "@/lib/manager/auth/password";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { auditUserChange, userAttempt } from "./user-audit";
import { userFields } from "./user-input";
import { userSelect, userView, type UserView } from "./user-view";

export const createUserInput = z
  .object({ email: userFields.email, name: userFields.name, password: userFields.password, isAdmin: userFields.isAdmin.default(false) })
  .strict();

export async function createUser({ db }: { db: Db }, { actor, input }: { actor: Actor; input: unknown }): Promise<UserView> {
  await requireSuperuser(db, actor, userAttempt("user.create", namedIn(input, "email")));
  const fields = parseInput(createUserInput, input);
  const taken = () => new AppError("conflict", `E-mail: '${fields.email}' already has an account.`);
  if (await db.user.findUnique({ where: { email: fields.email }, select: { id: true } })) throw taken();

  const passwordHash = await hashPassword(fields.password);
  const created = await db
    .$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: fields.email, name: fields.name, isAdmin: fields.isAdmin, passwordHash },
        select: userSelect,
      });
      await auditUserChange(tx, actor, "user.create", { after: user });
      return user;
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? taken() : error;
    });
  return userView(created);
}
