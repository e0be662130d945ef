// Who is signed in, for server components and route handlers: the session cookie's token, with the session checked
// (not signed out, not past its lifetime) and the user row read on every request, so that a sign-out or a disabled
// account takes effect at once (lib/manager/auth/session-user.ts).
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { liveSessionUser, type SessionUser } from "@/lib/manager/auth/session-user";
import { loadServerConfig } from "@/lib/server/config";
import { REQUEST_PATH_HEADER, safeCallbackPath } from "@/lib/web/callback-path";
import { readSessionToken } from "@/lib/web/session-cookie";

export type { SessionUser };

export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) return null;
  const jar = Object.fromEntries((await cookies()).getAll().map((c) => [c.name, c.value]));
  const token = await readSessionToken(jar, { secret, secure: loadServerConfig().publicUrl.startsWith("https://") });
  return liveSessionUser(db(), token);
});

/** Signed-in user, or a redirect to the sign-in page that returns here afterwards. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (user) return user;
  const here = safeCallbackPath((await headers()).get(REQUEST_PATH_HEADER));
  redirect(here === "/" ? "/login" : `/login?callbackUrl=${encodeURIComponent(here)}`);
}
