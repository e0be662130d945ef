// Typed errors of the RAPI client. Every error says which request failed and what to change; HTTP errors carry the
// fields of Ganeti's error body {code, message, explain}. RapiError is the base of all of them, so a caller can catch
// "anything the cluster connection did" in one place.

/** What was asked, for messages: "GET https://host:5080/2/info". */
export type RapiRequestLabel = { method: string; url: string };

const label = (r: RapiRequestLabel) => `${r.method} ${r.url}`;

export class RapiError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The client was given options it cannot use (a bad URL, a fingerprint that is not SHA-256, …). */
export class RapiConfigError extends RapiError {}

/** The server answered with a status other than 200. */
export class RapiHttpError extends RapiError {
  /** The HTTP status. */
  readonly status: number;
  /** `code` of Ganeti's error body (normally equal to the status); null when the body had none. */
  readonly code: number | null;
  /** `message` of Ganeti's error body, HTML entities decoded (Ganeti escapes them). */
  readonly serverMessage: string;
  /** `explain` of Ganeti's error body. */
  readonly explain: string;
  readonly request: RapiRequestLabel;

  constructor(request: RapiRequestLabel, status: number, body: { code: number | null; message: string; explain: string }, hint?: string) {
    const detail = [body.message, body.explain].filter(Boolean).join(": ");
    super(`${label(request)} answered ${status}${detail ? ` (${detail})` : ""}${hint ? `; ${hint}` : ""}`);
    this.status = status;
    this.code = body.code;
    this.serverMessage = body.message;
    this.explain = body.explain;
    this.request = request;
  }
}

export class RapiBadRequestError extends RapiHttpError {}
export class RapiUnauthorizedError extends RapiHttpError {}
export class RapiForbiddenError extends RapiHttpError {}
export class RapiNotFoundError extends RapiHttpError {}
export class RapiConflictError extends RapiHttpError {}
export class RapiServerError extends RapiHttpError {}

/** The connection could not be made or broke before an answer (refused, reset, unreachable, DNS). */
export class RapiConnectionError extends RapiError {
  /** The system error code, e.g. ECONNREFUSED. */
  readonly errno: string | undefined;
  readonly request: RapiRequestLabel;

  constructor(request: RapiRequestLabel, message: string, errno: string | undefined, cause?: unknown) {
    super(`${label(request)}: ${message}`, { cause });
    this.errno = errno;
    this.request = request;
  }
}

/** No complete answer within the time allowed (one request, or waitForJob's whole wait). */
export class RapiTimeoutError extends RapiError {
  readonly timeoutMs: number;

  constructor(message: string, timeoutMs: number) {
    super(message);
    this.timeoutMs = timeoutMs;
  }
}

/** The server's certificate was not accepted: untrusted, wrong name, expired, or not the pinned fingerprint. */
export class RapiTlsError extends RapiError {
  /** Node's verification code (e.g. DEPTH_ZERO_SELF_SIGNED_CERT) or FINGERPRINT_MISMATCH. */
  readonly reason: string;
  /** SHA-256 fingerprint of the certificate the server presented ("AA:BB:…"), when the handshake got that far. */
  readonly actualFingerprint: string | undefined;
  readonly expectedFingerprint: string | undefined;

  constructor(message: string, details: { reason: string; actualFingerprint?: string; expectedFingerprint?: string }, cause?: unknown) {
    super(message, { cause });
    this.reason = details.reason;
    this.actualFingerprint = details.actualFingerprint;
    this.expectedFingerprint = details.expectedFingerprint;
  }
}

/** The server answered 200 with something that is not what Ganeti's RAPI sends (not JSON, or the wrong shape). */
export class RapiResponseError extends RapiError {}

/** A job ended in error or was canceled. */
export class RapiJobFailedError extends RapiError {
  readonly jobId: number;
  readonly status: string;
  /** Ganeti's exception class of the failed opcode, e.g. OpPrereqError. */
  readonly errorClass: string | undefined;
  /** Ganeti's error code, e.g. wrong_input, insufficient_resources. */
  readonly errorCode: string | undefined;
  /** The opcode's error message as Ganeti gave it. */
  readonly opMessage: string | undefined;
  /** The whole job as GET /2/jobs/[id] returned it. */
  readonly job: unknown;

  constructor(
    message: string,
    details: { jobId: number; status: string; errorClass?: string; errorCode?: string; opMessage?: string; job: unknown },
  ) {
    super(message);
    this.jobId = details.jobId;
    this.status = details.status;
    this.errorClass = details.errorClass;
    this.errorCode = details.errorCode;
    this.opMessage = details.opMessage;
    this.job = details.job;
  }
}

const BY_STATUS: Record<number, typeof RapiHttpError> = {
  400: RapiBadRequestError,
  401: RapiUnauthorizedError,
  403: RapiForbiddenError,
  404: RapiNotFoundError,
  409: RapiConflictError,
};

/** The typed error for an HTTP status, with a hint on what to change. */
export function httpError(
  request: RapiRequestLabel,
  status: number,
  body: { code: number | null; message: string; explain: string },
  context: { username?: string },
): RapiHttpError {
  const Type = BY_STATUS[status] ?? (status >= 500 ? RapiServerError : RapiHttpError);
  return new Type(request, status, body, hintFor(status, context));
}

function hintFor(status: number, { username }: { username?: string }): string | undefined {
  switch (status) {
    case 400:
      return "the request was refused as invalid; fix the parameters named above";
    case 401:
      return username
        ? `the server refused user '${username}': check the username and password configured for this cluster`
        : "this server requires authentication: configure a username and password for this cluster";
    case 403:
      return username
        ? `user '${username}' lacks the permission: give it the 'write' option in the cluster's RAPI users file (read-only users can only read)`
        : "this needs an authenticated user with the 'write' option";
    case 404:
      return "no such resource on this cluster: check the name, or the URL if every path answers 404";
    case 429:
      return "too many failed logins from this address: fix the credentials and retry later";
    case 501:
      return "this RAPI server does not implement the method for this path";
    case 502:
    case 503:
    case 504:
      return "the RAPI daemon cannot reach its master daemon or is overloaded: check the cluster's master and retry";
    default:
      return status >= 500 ? "the server failed: see the RAPI daemon's log on the cluster's master" : undefined;
  }
}
