// How noded reports a failed call: `{"ok": false, "error": {kind, message}}` with Ganeti's error class as kind, so the
// master can raise the same error it would have got from a virtual node.
import { GanetiError } from "../errors";

export type RpcErrorBody = { kind: string; message: string; code?: string };
export type RpcResponse = { ok: true; result: unknown } | { ok: false; error: RpcErrorBody };

/** A request noded refuses before calling anything (unknown method, unreadable body, wrong certificate or token, not joined). */
export class RpcRequestError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 429,
    message: string,
  ) {
    super(message);
  }
}

export function errorBody(error: unknown): RpcErrorBody {
  if (error instanceof GanetiError) return { kind: error.kind, message: error.message, ...(error.code ? { code: error.code } : {}) };
  if (error instanceof RpcRequestError) return { kind: "RpcRequestError", message: error.message };
  return { kind: "OpExecError", message: error instanceof Error ? error.message : String(error) };
}

/** The master's side: the error noded reported, as the GanetiError it was. */
export function errorFromBody(body: RpcErrorBody): GanetiError {
  return new GanetiError(body.kind, body.message, body.code as GanetiError["code"]);
}
