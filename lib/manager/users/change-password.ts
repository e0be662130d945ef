// A signed-in user changes their own password: the current one must be right, the new one acceptable.
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword, passwordProblem, verifyPassword } from "@/lib/manager/auth/password";

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, "Enter your current password."),
  newPassword: z.string(),
  confirmPassword: z.string(),
});

export async function changePassword(
  db: Pick<PrismaClient, "user">,
  { actor, input }: { actor: { id: string }; input: z.input<typeof changePasswordInput> },
): Promise<void> {
  const parsed = changePasswordInput.safeParse(input);
  if (!parsed.success) throw new AppError("wrong_input", parsed.error.issues[0]!.message);
  const { currentPassword, newPassword, confirmPassword } = parsed.data;
  const problem = passwordProblem(newPassword);
  if (problem) throw new AppError("wrong_input", `New password: ${problem}`);
  if (newPassword !== confirmPassword) throw new AppError("wrong_input", "The two new passwords differ; type the same one twice.");

  const user = await db.user.findUnique({ where: { id: actor.id } });
  if (!user?.isActive) throw new AppError("unauthenticated", "Your session has ended; sign in again.");
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new AppError("wrong_input", "The current password is wrong.");
  }
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(newPassword) } });
}
