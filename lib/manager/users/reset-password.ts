// A superuser sets a new password for someone who lost theirs: the one given, or a generated one handed back once
// (it is stored only as a hash). The account's sign-in lock is lifted too, since a locked-out user is the usual reason.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { requireSuperuser } from "@/lib/manager/auth/require-superuser";
import { generatePassword, hashPassword } from "@/lib/manager/auth/password";
import { accountKey } from "@/lib/manager/auth/sign-in-throttle";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { findUser } from "./find-user";
import { auditUserChange, userAttempt } from "./user-audit";
import { userFields } from "./user-input";
import { userSelect } from "./user-view";

export const resetPasswordInput = z.object({ password: userFields.password.optional() }).strict();

export type ResetPasswordResult = { userId: string; email: string; generatedPassword?: string };

export async function resetPassword({ db }: { db: Db }, { actor, user: which, input }: { actor: Actor; user: string; input: unknown }): Promise<ResetPasswordResult> {
  await requireSuperuser(db, actor, userAttempt("user.reset_password", which));
  const before = await findUser(db, which);
  const { password } = parseInput(resetPasswordInput, input ?? {});
  const generatedPassword = password === undefined ? generatePassword() : undefined;
  const passwordHash = await hashPassword(password ?? generatedPassword!);

  await db.$transaction(async (tx) => {
    const after = await tx.user.update({ where: { id: before.id }, data: { passwordHash }, select: userSelect });
    await tx.signInThrottle.deleteMany({ where: { key: accountKey(before.email).key } });
    await auditUserChange(tx, actor, "user.reset_password", { after }, generatedPassword ? "Password generated and shown once to the superuser." : "Password set by the superuser.");
  });
  return { userId: before.id, email: before.email, generatedPassword };
}
