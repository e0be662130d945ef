// Ganeti's luxi protocol between the CLI (or RAPI) and the master: JSON messages ended by ETX (0x03).
// Request {method, args}; response {success, result}, where a failure's result is an encoded error
// [ErrorClassName, [message, code?]].
import crypto from "node:crypto";
import path from "node:path";

export const ETX = "\x03";

export type LuxiRequest = { method: string; args: unknown[] };
export type LuxiResponse = { success: boolean; result: unknown };

export const LUXI_METHODS = [
  "SubmitJob",
  "SubmitManyJobs",
  "CancelJob",
  "ArchiveJob",
  "AutoArchiveJobs",
  "WaitForJobChange",
  "QueryJobs",
  "Query",
  "QueryFields",
  "QueryInstances",
  "QueryNodes",
  "QueryGroups",
  "QueryClusterInfo",
  "QueryConfigValues",
  "QueryTags",
  "SetWatcherPause",
  "StopMaster",
  "Ping",
] as const;
export type LuxiMethod = (typeof LUXI_METHODS)[number];

/** Splits a byte stream into ETX-terminated messages. */
export class MessageSplitter {
  private buffer = "";

  push(chunk: string): string[] {
    this.buffer += chunk;
    const parts = this.buffer.split(ETX);
    this.buffer = parts.pop()!;
    return parts;
  }
}

/**
 * Where masterd listens: $STATE/master.sock, or, when that path is too long for a UNIX socket (108 bytes), a
 * socket in a private directory under /tmp named after the state directory.
 */
export function masterSocketPath(stateDir: string): string {
  const preferred = path.join(path.resolve(stateDir), "master.sock");
  if (Buffer.byteLength(preferred) < 100) return preferred;
  const digest = crypto.createHash("sha256").update(path.resolve(stateDir)).digest("hex").slice(0, 16);
  return path.join(`/tmp/gantry-${process.getuid?.() ?? 0}`, `${digest}.sock`);
}

/** The abstract socket name whose binding proves that one masterd owns a state directory (Linux only). */
export function masterLockName(stateDir: string): string {
  return `\0gantry-masterd-${crypto.createHash("sha256").update(path.resolve(stateDir)).digest("hex").slice(0, 32)}`;
}
