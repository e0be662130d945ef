// Ganeti's FillOpcode (lib/rapi/baserlib.py): a request body becomes an opcode's parameters. The body must be an
// object, and not absurdly deep (request.ts MAX_BODY_DEPTH); legacy names are renamed (giving both is refused);
// values taken from the URL and the query string ("static") cannot be overridden by the body; every opcode gets RAPI's
// reason trail. The opcode's own schema then checks names and types when the job is submitted (unknown or mistyped
// fields → 400 "Invalid body parameters: …").
import type { OpInput } from "../../jobs/job";
import { badRequest } from "./http-errors";
import { checkNesting, isPlainObject, jsonTypeName, reasonTrail, submit, type RapiRequest } from "./request";

export type FillOptions = {
  /** Legacy name → current name (e.g. name → instance_name). */
  rename?: Record<string, string>;
  /** Values from the URL and query string. */
  statics?: Record<string, unknown>;
};

export function fillOpcode(req: RapiRequest, opId: string, body: unknown, options: FillOptions = {}): OpInput {
  if (body !== null && body !== undefined && !isPlainObject(body)) {
    throw badRequest(`Body contents: Type is '${jsonTypeName(body)}', but 'dict' is expected`);
  }
  checkNesting(body);
  const params: Record<string, unknown> = { ...(body ?? {}) };
  for (const [old, current] of Object.entries(options.rename ?? {})) {
    if (old in params && current in params) throw badRequest(`Parameter '${old}' was renamed to '${current}', but both are specified`);
    if (old in params) {
      params[current] = params[old];
      delete params[old];
    }
  }
  const statics: Record<string, unknown> = { ...options.statics, reason: reasonTrail(req) };
  const overwritten = ["OP_ID", ...Object.keys(statics)].filter((key) => Object.hasOwn(params, key));
  if (overwritten.length) throw badRequest(`Can't overwrite static parameters ${overwritten.map((k) => `'${k}'`).join(", ")}`);
  if (Array.isArray(params.depends)) params.depends = normaliseDepends(params.depends);
  return { OP_ID: opId, ...params, ...statics };
}

/** Job ids in `depends` may be numeric strings (Ganeti accepts both); the opcode wants numbers. */
function normaliseDepends(depends: unknown[]): unknown[] {
  return depends.map((entry) => {
    if (Array.isArray(entry) && typeof entry[0] === "string" && /^-?\d+$/.test(entry[0])) return [Number(entry[0]), ...entry.slice(1)];
    return entry;
  });
}

/** The common case: fill one opcode from the request body and submit it as a job. */
export function submitOpcode(req: RapiRequest, opId: string, options: FillOptions & { body?: unknown } = {}): Promise<number> {
  const body = "body" in options ? options.body : req.body;
  return submit(req, [fillOpcode(req, opId, body, options)]);
}
