// First start: when the database has no user at all, create the administrator. Its password comes from
// GANTRY_ADMIN_PASSWORD, or is generated and handed back to be printed once. Later starts change nothing, so
// setting GANTRY_ADMIN_PASSWORD afterwards does not reset anyone's password.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { generatePassword, hashPassword } from "@/lib/manager/auth/password";

export type InitialAdminResult =
  | { created: false }
  | { created: true; email: string; generatedPassword?: string };

export async function ensureInitialAdmin(
  db: Pick<PrismaClient, "user">,
  admin: { email: string; password?: string },
): Promise<InitialAdminResult> {
  if ((await db.user.count()) > 0) return { created: false };
  const generatedPassword = admin.password ? undefined : generatePassword();
  const password = admin.password ?? generatedPassword!;
  await db.user.create({
    data: { email: admin.email, name: "Administrator", passwordHash: await hashPassword(password), isAdmin: true },
  });
  return { created: true, email: admin.email, generatedPassword };
}
