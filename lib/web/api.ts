// The edge of the JSON API: who asks (the session's user, re-read from the database, and the client's address), the
// request body as JSON, and the domain's typed errors mapped to HTTP statuses with a body {error: message}.
import { headers } from "next/headers";
import { NextResponse } from "next/server";
import { AppError, isAppError, type AppErrorCode } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { CLIENT_ADDRESS_HEADER } from "@/lib/server/client-address";
import { getSessionUser } from "@/lib/web/session";

const STATUS: Record<AppErrorCode, number> = {
  wrong_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  quota_exceeded: 409,
  cluster_unavailable: 502,
  sign_in_refused: 429,
  config_invalid: 500,
  database_unavailable: 503,
};

const NO_STORE = { "cache-control": "no-store" };

export const json = (body: unknown, status = 200) => NextResponse.json(body, { status, headers: NO_STORE });

/** Runs a handler for a signed-in user; errors become their statuses (unexpected ones a 500 without details). */
export async function withActor(handler: (actor: Actor) => Promise<Response>): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("unauthenticated", "Sign in first.");
    const ip = (await headers()).get(CLIENT_ADDRESS_HEADER) ?? "";
    return await handler({ id: user.id, email: user.email, isAdmin: user.isAdmin, ip, sessionId: user.sessionId });
  } catch (error) {
    if (isAppError(error)) return json({ error: error.message }, STATUS[error.code]);
    console.error("API error:", error);
    return json({ error: "Internal error; the server's log has the details." }, 500);
  }
}

/** The request's JSON body, or wrong_input saying what is wrong with it. */
export async function jsonBody(request: Request): Promise<unknown> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    throw new AppError("wrong_input", "Send the body as JSON (Content-Type: application/json).");
  }
  try {
    return await request.json();
  } catch {
    throw new AppError("wrong_input", "The body is not valid JSON.");
  }
}

/** A JSON body that may be left out (an action's options): none gives {}. */
export async function optionalJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return {};
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    throw new AppError("wrong_input", "Send the body as JSON (Content-Type: application/json).");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("wrong_input", "The body is not valid JSON.");
  }
}
