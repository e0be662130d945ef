// The session token in a request's cookies, decoded as next-auth does (same cookie name, same secret): for the pages
// and the API (lib/web/session.ts) and for the console's WebSocket upgrade, which next-auth never sees.
import { getToken, type GetTokenParams } from "next-auth/jwt";

export type SessionCookieOptions = { secret: string; /** The app is served over https (next-auth then names the cookie __Secure-…). */ secure: boolean };

export async function readSessionToken(cookies: Record<string, string>, options: SessionCookieOptions): Promise<Record<string, unknown> | null> {
  // Only the cookie counts: getToken would also take an Authorization header, which no browser sends here.
  const req = { cookies, headers: {} } as unknown as GetTokenParams["req"];
  return getToken({ req, secret: options.secret, secureCookie: options.secure });
}

/** A Cookie header as name → value (the first of repeated names, as browsers send the most specific first). */
export function parseCookieHeader(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    if (Object.hasOwn(cookies, name)) continue;
    const raw = part.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
    try {
      cookies[name] = decodeURIComponent(raw);
    } catch {
      cookies[name] = raw;
    }
  }
  return cookies;
}
