// Ganeti's error model. A failed opcode's result is encoded as [ErrorClassName, [message, code?]], exactly as Ganeti's
// job results are, so RAPI clients and the CLI can tell a precondition failure (nothing changed, safe to retry once
// fixed) from an execution failure.
export type ErrorCode =
  | "resolver_error"
  | "insufficient_resources"
  | "temp_insufficient_resources"
  | "wrong_input"
  | "wrong_state"
  | "unknown_entity"
  | "already_exists"
  | "resource_not_unique"
  | "internal_error"
  | "environment_error";

export type EncodedError = [string, unknown[]];

export class GanetiError extends Error {
  /** Ganeti's exception class name, e.g. OpPrereqError. */
  readonly kind: string;
  readonly code?: ErrorCode;

  constructor(kind: string, message: string, code?: ErrorCode, options?: { cause?: unknown }) {
    super(message, options);
    this.name = kind;
    this.kind = kind;
    this.code = code;
  }

  encode(): EncodedError {
    return [this.kind, this.code ? [this.message, this.code] : [this.message]];
  }
}

/** A precondition failed before anything changed. */
export class OpPrereqError extends GanetiError {
  constructor(message: string, code: ErrorCode = "wrong_input") {
    super("OpPrereqError", message, code);
  }
}

/** Execution failed part-way; the log says what was done. */
export class OpExecError extends GanetiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("OpExecError", message, undefined, options);
  }
}

export class ParameterError extends GanetiError {
  constructor(message: string) {
    super("ParameterError", message, "wrong_input");
  }
}

export class ConfigurationError extends GanetiError {
  constructor(message: string) {
    super("ConfigurationError", message, "environment_error");
  }
}

export class HypervisorError extends GanetiError {
  constructor(message: string) {
    super("HypervisorError", message);
  }
}

export class BlockDeviceError extends GanetiError {
  constructor(message: string) {
    super("BlockDeviceError", message);
  }
}

/** A file or sharedfile path outside the node's allowed storage directories (Ganeti's FileStoragePathError). */
export class FileStoragePathError extends GanetiError {
  constructor(message: string) {
    super("FileStoragePathError", message, "wrong_input");
  }
}

/** A node could not be reached or refused the call. */
export class RpcError extends GanetiError {
  readonly node: string;
  readonly offline: boolean;

  constructor(node: string, message: string, options: { offline?: boolean } = {}) {
    super("RpcError", `Node ${node}: ${message}`, "environment_error");
    this.node = node;
    this.offline = options.offline ?? false;
  }
}

export class JobLost extends GanetiError {
  constructor(message: string) {
    super("JobLost", message, "unknown_entity");
  }
}

export class JobQueueError extends GanetiError {
  constructor(message: string) {
    super("JobQueueError", message);
  }
}

export class OpCodeUnknown extends GanetiError {
  constructor(opId: string) {
    super("OpCodeUnknown", `Unknown opcode ${opId}`, "wrong_input");
  }
}

export class QueryFilterError extends GanetiError {
  constructor(message: string) {
    super("QueryFilterParseError", message, "wrong_input");
  }
}

export class TagError extends GanetiError {
  constructor(message: string) {
    super("TagError", message, "wrong_input");
  }
}

/** Turns anything thrown by an opcode into Ganeti's encoded form. */
export function encodeError(error: unknown): EncodedError {
  if (error instanceof GanetiError) return error.encode();
  return ["OpExecError", [error instanceof Error ? error.message : String(error)]];
}

/** The message of an encoded error, for the CLI and logs. */
export function describeEncodedError(encoded: unknown): string {
  if (Array.isArray(encoded) && typeof encoded[0] === "string" && Array.isArray(encoded[1])) {
    const [kind, args] = encoded as EncodedError;
    const [message, code] = args as [unknown, unknown];
    return `${kind}: ${String(message)}${code ? ` (${String(code)})` : ""}`;
  }
  return String(encoded);
}
