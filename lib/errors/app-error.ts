// Typed errors for the web manager's domain and the process edge. Only the edge (route handlers, server.ts) maps a
// code to an HTTP status or an exit code; domain code throws AppError with a code and a message that says what to fix.
export type AppErrorCode =
  | "config_invalid" // an environment variable or the data directory is unusable
  | "database_unavailable"
  | "unauthenticated"
  | "sign_in_refused" // too many failed sign-ins
  | "forbidden"
  | "not_found"
  | "conflict" // the name is taken, or the object changed meanwhile
  | "cluster_unavailable" // the cluster did not answer, or refused the manager's own credentials
  | "quota_exceeded" // allowed, but the owner's quota on the cluster has no room for it
  | "wrong_input";

export class AppError extends Error {
  readonly code: AppErrorCode;

  constructor(code: AppErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
  }
}

export const isAppError = (error: unknown, code?: AppErrorCode): error is AppError =>
  error instanceof AppError && (code === undefined || error.code === code);
