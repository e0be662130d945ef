// One RAPI request as its handler sees it: the names taken from the path, the query arguments with Ganeti's parsing
// rules, the parsed JSON body, the user, and the way to the master. Handlers stay thin: read arguments here, build an
// opcode or a query, return what goes back as JSON.
import type { z } from "zod";
import type { OpInput } from "../../jobs/job";
import type { RapiBackend } from "./backend";
import { badRequest } from "./http-errors";
import type { RapiUser } from "./users";

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE";
export type Access = "read" | "write";

export type RapiRequest = {
  method: HttpMethod;
  /** The path without the query string, as sent. */
  path: string;
  /** Values taken from the path pattern, in order (names, job ids, disk indexes). */
  items: string[];
  query: URLSearchParams;
  /** The parsed JSON body; null when there was none. */
  body: unknown;
  user: RapiUser | null;
  backend: RapiBackend;
  /** Ganeti's handler name (rlib2 class without R_2_), for the reason trail: "instances_name_shutdown". */
  resourceName: string;
  /** Long-poll limit of /2/jobs/[id]/wait, seconds (Ganeti: 10). */
  waitTimeoutSeconds: number;
  /** Set by submit(); the access log records it. */
  jobId: number | null;
};

export type Handler = (req: RapiRequest) => unknown;

export const submitterOf = (req: RapiRequest) => `rapi:${req.user?.name ?? "anonymous"}`;

/** Submits one job through the job queue and returns its id (the body RAPI answers with). */
export async function submit(req: RapiRequest, ops: OpInput[]): Promise<number> {
  const id = await req.backend.submitJob(ops, submitterOf(req));
  req.jobId = id;
  return id;
}

/** Python's parse_qs: blank values are dropped; the first value of a repeated argument wins. */
export function stringArg(req: RapiRequest, name: string): string | undefined {
  return stringArgs(req, name)[0];
}

export function stringArgs(req: RapiRequest, name: string): string[] {
  return req.query.getAll(name).filter((v) => v !== "");
}

export function hasArg(req: RapiRequest, name: string): boolean {
  return stringArgs(req, name).length > 0;
}

/** Ganeti's _checkIntVariable: int(value), else 400 "Invalid value for the 'X' parameter". */
export function intArg(req: RapiRequest, name: string, fallback = 0): number {
  const value = stringArg(req, name);
  if (value === undefined) return fallback;
  if (!/^\s*[+-]?\d+\s*$/.test(value)) throw badRequest(`Invalid value for the '${name}' parameter`);
  return Number.parseInt(value, 10);
}

export const boolArg = (req: RapiRequest, name: string, fallback = 0) => intArg(req, name, fallback) !== 0;
export const useBulk = (req: RapiRequest) => boolArg(req, "bulk");
export const dryRun = (req: RapiRequest) => boolArg(req, "dry-run");
export const useForce = (req: RapiRequest) => boolArg(req, "force");
export const useLocking = (req: RapiRequest) => boolArg(req, "lock");

/** Nanoseconds since the epoch, as Ganeti's reason trail records them. */
export const epochNano = () => Date.now() * 1_000_000;

/** The reason trail every RAPI opcode carries: the user's ?reason= first, then the RAPI handler. */
export function reasonTrail(req: RapiRequest): Array<[string, string, number]> {
  const trail: Array<[string, string, number]> = [];
  const reason = stringArg(req, "reason");
  if (reason) trail.push(["gnt:user", reason, epochNano()]);
  trail.push([`gnt:library:rlib2:${req.resourceName}`, "", epochNano()]);
  return trail;
}

/**
 * How deep a body may nest. Ganeti's deepest parameters (ipolicy, os_hvp, disk and NIC modifications) need four or
 * five levels; far deeper bodies are refused here, before anything walks them recursively (a stored job, a filter).
 */
export const MAX_BODY_DEPTH = 32;

/** Refuses a value nested deeper than MAX_BODY_DEPTH with a 400; walks without recursion. */
export function checkNesting(value: unknown, what = "Body contents"): void {
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length) {
    const [item, depth] = pending.pop()!;
    if (typeof item !== "object" || item === null) continue;
    if (depth > MAX_BODY_DEPTH) throw badRequest(`${what}: nested deeper than ${MAX_BODY_DEPTH} levels`);
    for (const child of Array.isArray(item) ? item : Object.values(item)) pending.push([child, depth + 1]);
  }
}

/** Parses a body (or part of one) with a zod schema; the first problem becomes a 400 that names the field. */
export function parseBody<T>(schema: z.ZodType<T>, value: unknown, what = "Body contents"): T {
  checkNesting(value, what);
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === "unrecognized_keys") throw badRequest(`${what}: unknown parameter(s) ${issue.keys.map((k) => `'${k}'`).join(", ")}`);
  const where = issue.path.length ? `'${issue.path.join(".")}': ` : "";
  throw badRequest(`${what}: ${where}${issue.message}`);
}

/** Python's type names, for messages in Ganeti's words ("Type is 'list', but 'dict' is expected"). */
export function jsonTypeName(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (Array.isArray(value)) return "list";
  if (typeof value === "object") return "dict";
  if (typeof value === "string") return "str";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  return typeof value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
