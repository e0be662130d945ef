// Who is signed in, for server components and route handlers. The JWT only names the user and the session; the
// session is checked (not signed out, not past its lifetime) by next-auth's jwt callback (lib/web/auth-options.ts),
// and the user row is read on every request so that a disabled or deleted account loses access immediately.
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { db } from "@/lib/db/client";
import { authOptions } from "@/lib/web/auth-options";
import { REQUEST_PATH_HEADER, safeCallbackPath } from "@/lib/web/callback-path";

export type SessionUser = { id: string; email: string; name: string; isAdmin: boolean };

export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db().user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, isAdmin: true, isActive: true },
  });
  if (!user?.isActive) return null;
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin };
});

/** Signed-in user, or a redirect to the sign-in page that returns here afterwards. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (user) return user;
  const here = safeCallbackPath((await headers()).get(REQUEST_PATH_HEADER));
  redirect(here === "/" ? "/login" : `/login?callbackUrl=${encodeURIComponent(here)}`);
}
