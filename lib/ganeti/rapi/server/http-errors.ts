// RAPI's errors at the HTTP edge. Every failure leaves the server as Ganeti's body {code, message, explain}: the
// message html-escaped (as Ganeti's http.server does), the explanation the standard text for the status. Errors of the
// cluster core (GanetiError with a Ganeti error code) are mapped here and nowhere else.
import { GanetiError } from "../../errors";

/** Python's BaseHTTPRequestHandler.responses, which Ganeti uses: [short message, explanation]. */
export const STATUS_TEXT: Record<number, [string, string]> = {
  400: ["Bad Request", "Bad request syntax or unsupported method"],
  401: ["Unauthorized", "No permission -- see authorization schemes"],
  403: ["Forbidden", "Request forbidden -- authorization will not help"],
  404: ["Not Found", "Nothing matches the given URI"],
  413: ["Request Entity Too Large", "Entity is too large"],
  415: ["Unsupported Media Type", "Entity body in unsupported format"],
  429: ["Too Many Requests", 'The user has sent too many requests in a given amount of time ("rate limiting")'],
  431: ["Request Header Fields Too Large", "The server is unwilling to process the request because its header fields are too large"],
  500: ["Internal Server Error", "Server got itself in trouble"],
  501: ["Not Implemented", "Server does not support this operation"],
  502: ["Bad Gateway", "Invalid responses from another server/proxy"],
  503: ["Service Unavailable", "The server cannot process the request due to a high load"],
  504: ["Gateway Timeout", "The gateway server did not receive a timely response"],
};

export class RapiHttpError extends Error {
  constructor(
    readonly status: number,
    message?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message ?? STATUS_TEXT[status]?.[0] ?? "Unknown");
  }
}

export const badRequest = (message: string) => new RapiHttpError(400, message);
export const notFound = () => new RapiHttpError(404);
export const notImplemented = (message: string) => new RapiHttpError(501, message);

export type ErrorBody = { code: number; message: string; explain: string };

/** Python's html.escape(s, quote=True). */
export function htmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[c]!);
}

export function errorBody(status: number, message?: string): ErrorBody {
  const [short, explain] = STATUS_TEXT[status] ?? ["Unknown", "Unknown"];
  return { code: status, message: htmlEscape(message ?? short), explain };
}

/**
 * Maps anything a handler threw to an HTTP error. Input the core refuses is the client's to fix (4xx); a missing object
 * is 404; a master that is shutting down is 503; only what nobody expected is 500.
 */
export function toHttpError(error: unknown): RapiHttpError {
  if (error instanceof RapiHttpError) return error;
  if (error instanceof GanetiError) {
    // Refused while the job was being submitted: the opcode's parameters (Ganeti's FillOpcode → 400).
    if (error.kind === "ParameterError" || error.kind === "OpCodeUnknown") return badRequest(`Invalid body parameters: ${error.message}`);
    if (error.kind === "JobLost" || error.code === "unknown_entity") return new RapiHttpError(404, error.message);
    if (error.kind === "JobQueueError") return new RapiHttpError(503, error.message);
    if (error.code === "wrong_input" || error.code === "wrong_state" || error.code === "resource_not_unique" || error.code === "already_exists") {
      return badRequest(error.message);
    }
  }
  return new RapiHttpError(500, error instanceof Error ? error.message : String(error));
}
