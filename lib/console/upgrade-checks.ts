// Who may open the console WebSocket, decided before any connection to a VNC server: the page must be Gantry's own
// (Origin), the browser must carry a lasting session of an active user (the session cookie), and the URL must hold an
// unused, unexpired console token issued to that user in that session — which this check uses up.
import type { IncomingMessage } from "node:http";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { readSessionClaims, type SessionClaims } from "@/lib/manager/auth/session-lifetime";
import { liveSessionUser } from "@/lib/manager/auth/session-user";
import { consumeConsoleToken, type ConsoleGrant } from "@/lib/manager/console/consume-console-token";
import { CLIENT_ADDRESS_HEADER } from "@/lib/server/client-address";
import { parseCookieHeader, readSessionToken, type SessionCookieOptions } from "@/lib/web/session-cookie";
import { CloseCode, ConsoleError, type ConsoleCloseCode } from "./close-codes";

export type Admission = { actor: Actor; claims: SessionClaims; grant: ConsoleGrant };

/** The Origin is the app's public URL, or the very host the request was sent to (a browser always sends Origin). */
export function originAllowed(req: IncomingMessage, publicUrl: string): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin === new URL(publicUrl).origin) return true;
  return !!req.headers.host && url.host === req.headers.host.toLowerCase();
}

export const clientAddress = (req: IncomingMessage): string => {
  const stamped = req.headers[CLIENT_ADDRESS_HEADER];
  return typeof stamped === "string" ? stamped : (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
};

export type AdmissionResult = { ok: true; admission: Admission } | { ok: false; refusal: ConsoleError; /** Known once the session checked out. */ actor: Actor | null };

/** The admitted user and what their token grants, or the refusal saying why not. */
export async function admitConsole(req: IncomingMessage, deps: { db: Db; session: SessionCookieOptions; now?: Date }): Promise<AdmissionResult> {
  const refuse = (code: ConsoleCloseCode, message: string, actor: Actor | null = null): AdmissionResult => ({ ok: false, refusal: new ConsoleError(code, message, { result: "refused" }), actor });
  const token = new URL(req.url ?? "/", "http://console").searchParams.get("token");
  if (!token) return refuse(CloseCode.badRequest, "No console token in the URL; open the console from the VM's page.");
  const sessionToken = await readSessionToken(parseCookieHeader(req.headers.cookie), deps.session);
  const user = await liveSessionUser(deps.db, sessionToken, deps.now?.getTime());
  const claims = readSessionClaims(sessionToken);
  if (!user || !claims) return refuse(CloseCode.notSignedIn, "You are not signed in (or your session ended); sign in and open the console again.");
  const actor: Actor = { id: user.id, email: user.email, isAdmin: user.isAdmin, ip: clientAddress(req), sessionId: user.sessionId };
  const used = await consumeConsoleToken(deps.db, { token, userId: user.id, sessionId: user.sessionId, now: deps.now });
  if (!used.ok) return refuse(CloseCode.tokenRefused, used.reason, actor);
  return { ok: true, admission: { actor, claims, grant: used.grant } };
}
