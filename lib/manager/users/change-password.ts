// A signed-in user changes their own password: the current one must be right, the new one acceptable. Audited, a
// wrong current password too (someone at an unlocked screen trying to take the account over).
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/manager/actor";
import { recordAudit, type AuditRecord } from "@/lib/manager/audit/audit-log";
import { hashPassword, passwordProblem, verifyPassword } from "@/lib/manager/auth/password";

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, "Enter your current password."),
  newPassword: z.string(),
  confirmPassword: z.string(),
});

export async function changePassword(
  db: Pick<PrismaClient, "user" | "auditEntry" | "$transaction">,
  { actor, input }: { actor: Actor; input: z.input<typeof changePasswordInput> },
): Promise<void> {
  const parsed = changePasswordInput.safeParse(input);
  if (!parsed.success) throw new AppError("wrong_input", parsed.error.issues[0]!.message);
  const { currentPassword, newPassword, confirmPassword } = parsed.data;
  const problem = passwordProblem(newPassword);
  if (problem) throw new AppError("wrong_input", `New password: ${problem}`);
  if (newPassword !== confirmPassword) throw new AppError("wrong_input", "The two new passwords differ; type the same one twice.");

  const user = await db.user.findUnique({ where: { id: actor.id } });
  if (!user?.isActive) throw new AppError("unauthenticated", "Your session has ended; sign in again.");
  const audit = (result: AuditRecord["result"], message?: string): AuditRecord => ({
    action: "user.change_password",
    result,
    object: { type: "user", id: user.id, name: user.email },
    message,
  });
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    await recordAudit(db, actor, audit("failed", "The current password was wrong."));
    throw new AppError("wrong_input", "The current password is wrong.");
  }
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await recordAudit(tx, actor, audit("success"));
  });
}
