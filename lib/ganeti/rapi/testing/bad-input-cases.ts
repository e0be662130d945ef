// Test support: bad requests for every route of the RAPI table, generated from the table itself, the contracts in
// route-contracts.ts and the opcodes' own schemas — methods a route lacks, paths that match nothing, bodies that are
// not JSON, not JSON-typed, too large, too deep or of the wrong shape, every body field with values of the wrong type
// (and out-of-range values the schema refuses), missing and static fields, and integer query arguments with letters.
import type { z } from "zod";
import { OPCODES } from "../../opcodes/registry";
import { ALL_RESOURCES } from "../server/resources/index";
import { METHODS, type Resource } from "../server/routes";
import type { RapiCall } from "./http";
import { fillPath, ROUTE_CONTRACTS, type CustomBody, type RouteContract } from "./route-contracts";

export type BadInputCase = {
  title: string;
  /** Sent as the admin (write) user, so authentication is not what refuses. */
  call: RapiCall;
  /** The exact status where one is due; otherwise any 4xx. */
  status?: number;
  /** What the error message must name. */
  names: RegExp;
  /** Ganeti takes the request and fails its job: a job id is an answer too, if the job fails saying `names`. */
  jobMayFail?: boolean;
};

/** The body limit the sweep's server runs with. */
export const MAX_BODY_BYTES = 128 * 1024;
/** Deep enough to overflow a recursive walk (JSON.stringify's included), small enough to pass the body limit. */
const DEEP = 30_000;
const LONG = "x".repeat(20_000);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const word = (text: string) => new RegExp(escape(text));

/** Every (route, method) of the table, with its contract (a missing contract fails the sweep's coverage test). */
export function routeMethods(): Array<{ resource: Resource; method: string; contract: RouteContract | undefined }> {
  return ALL_RESOURCES.flatMap((resource) =>
    METHODS.filter((m) => resource[m]).map((method) => ({ resource, method, contract: ROUTE_CONTRACTS[resource.path]?.[method] })),
  );
}

export function methodCases(): BadInputCase[] {
  return ALL_RESOURCES.flatMap((resource) =>
    [...METHODS, "PATCH", "OPTIONS"]
      .filter((m) => !(METHODS as string[]).includes(m) || !resource[m as keyof Resource])
      .map((method) => {
        const path = fillPath(resource.path);
        return { title: `${method} ${resource.path}: method not served`, call: { method, path, body: {} }, status: 501, names: word(`Method ${method} is unsupported for path ${path}`) };
      }),
  );
}

const UNKNOWN_PATHS = [
  "/2/bogus", "/3/info", "/2/instances/", "/2/instances/db1.example.org/bogus", "/2/instances/db1.example.org/disk/0/shrink",
  "/2/instances/db1.example.org/disk/x/grow", "/2/query/instance/fields/name", "/2/jobs/1/wait/now", "/2/info.json", "/2/INFO",
];
const MALFORMED_NAMES = ["%00", "a%20b", "..%2Fetc", "a%2Fb", "%E2%82%AC", "a:b"];
const MALFORMED_IDS = ["abc", "-1", "1.5", "0x1", "1e3"];

/** Paths that match no route (404), whatever the method. */
export function pathCases(): BadInputCase[] {
  const cases: BadInputCase[] = UNKNOWN_PATHS.flatMap((path) =>
    ["GET", "PUT"].map((method) => ({ title: `${method} ${path}: unknown path`, call: { method, path }, status: 404, names: /Not Found/ })),
  );
  for (const { resource, method } of routeMethods()) {
    const bad = [
      ...(resource.path.includes("{name}") ? MALFORMED_NAMES.map((n) => fillPath(resource.path, n)) : []),
      ...(resource.path.includes("{id}") ? MALFORMED_IDS.map((id) => fillPath(resource.path, undefined, id)) : []),
    ];
    for (const path of bad) cases.push({ title: `${method} ${path}: malformed path part`, call: { method, path }, status: 404, names: /Not Found/ });
  }
  return cases;
}

/** Well-formed names of objects that do not exist: 404 on reads, a failed job (unknown entity) on writes. */
export function unknownObjectCases(): BadInputCase[] {
  const cases: BadInputCase[] = [];
  for (const { resource, method, contract } of routeMethods()) {
    if (!contract) continue;
    const variants: Array<[string, string]> = [];
    if (resource.path.includes("{name}")) variants.push(["nosuch.example.org", fillPath(resource.path, "nosuch.example.org")], [LONG.slice(0, 5000), fillPath(resource.path, LONG.slice(0, 5000))]);
    if (resource.path.includes("{id}")) variants.push(["999999", fillPath(resource.path, undefined, "999999")]);
    for (const [name, path] of variants) {
      // Ganeti's CancelJob answers [false, "Job … not found"] with 200: checked on its own in the test.
      if (method === "DELETE" && resource.path === "/2/jobs/{id}") continue;
      const query = contract.query ? `?${contract.query}` : "";
      const body = validBody(contract);
      const label = name.length > 40 ? `<${name.length} chars>` : name;
      const submitsJob = method !== "GET" || ["/2/instances/{name}/info", "/2/nodes/{name}/storage"].includes(resource.path);
      cases.push({
        title: `${method} ${resource.path} with ${label}: unknown object`,
        call: { method, path: path + query, ...(body === undefined ? {} : { body }) },
        ...(submitsJob ? { jobMayFail: true } : { status: resource.path.startsWith("/2/query/") ? 400 : 404 }),
        names: new RegExp(`${escape(name.slice(0, 40))}|Not Found`),
      });
    }
  }
  return cases;
}

function validBody(contract: RouteContract): unknown {
  if (contract.body && typeof contract.body === "object") return contract.body.base;
  return contract.base;
}

/** Bodies refused before any handler looks at them: not JSON, not sent as JSON, too large. */
export function transportCases(): BadInputCase[] {
  return routeMethods().flatMap(({ resource, method }) => {
    const path = fillPath(resource.path);
    const at = `${method} ${resource.path}`;
    return [
      { title: `${at}: body is not JSON`, call: { method, path, rawBody: '{"timeout": ' }, status: 400, names: /Unable to parse JSON data/ },
      { title: `${at}: body is text, not JSON`, call: { method, path, rawBody: "shutdown now" }, status: 400, names: /Unable to parse JSON data/ },
      { title: `${at}: Content-Type text/plain`, call: { method, path, rawBody: "{}", headers: { "Content-Type": "text/plain" } }, status: 415, names: /Content-Type|JSON/ },
      { title: `${at}: Content-Type form`, call: { method, path, rawBody: "a=1", headers: { "Content-Type": "application/x-www-form-urlencoded" } }, status: 415, names: /JSON/ },
      { title: `${at}: body over the limit`, call: { method, path, rawBody: JSON.stringify({ pad: "x".repeat(MAX_BODY_BYTES) }) }, status: 413, names: new RegExp(`larger than ${MAX_BODY_BYTES} bytes`) },
    ];
  });
}

/** Integer query arguments (bulk, dry-run, force, lock, …) with values int() refuses. */
export function queryArgumentCases(): BadInputCase[] {
  return routeMethods().flatMap(({ resource, method, contract }) =>
    (contract?.intArgs ?? []).flatMap((arg) =>
      ["abc", "maybe", "1.5", "0x1"].map((value) => {
        const query = [contract!.query, `${arg}=${value}`].filter(Boolean).join("&");
        // Only opcode bodies go along: a custom body (reinstall) would switch the route away from its query form.
        const body = contract!.opcode || typeof contract!.body === "string" ? validBody(contract!) : undefined;
        return {
          title: `${method} ${resource.path}?${arg}=${value}`,
          call: { method, path: `${fillPath(resource.path)}?${query}`, ...(body === undefined ? {} : { body }) },
          status: 400,
          names: word(`'${arg}'`),
        };
      }),
    ),
  );
}

/** Everything about a body a route reads: its JSON type, depth, unknown, missing, static and mistyped fields. */
export function bodyCases(): BadInputCase[] {
  return routeMethods().flatMap(({ resource, method, contract }) => {
    // Routes that read no body (most reads, and writes whose body Ganeti ignores) are covered by transportCases.
    if (!contract || (!contract.opcode && (contract.body === undefined || contract.body === "ignored"))) return [];
    const at = `${method} ${resource.path}`;
    const send = (title: string, body: unknown, names: RegExp, extra: Partial<BadInputCase> = {}): BadInputCase => ({
      title: `${at}: ${title}`,
      call: { method, path: fillPath(resource.path), body },
      names,
      ...extra,
    });
    if (contract.body === "role") {
      return [{}, ["regular"], 42, true, null].map((body) => send(`role body ${JSON.stringify(body)}`, body, /'str' is expected/, { status: 400 }));
    }
    if (contract.body === "tags") {
      return [{}, "swept", 42, [1], [["a"]]].map((body) => send(`tag list body ${JSON.stringify(body)}`, body, /tag/, { status: 400 }));
    }
    const shape = contract.opcode ? opcodeShape(contract.opcode) : (contract.body as CustomBody).schema.shape;
    const statics = contract.statics ?? [];
    const base = (validBody(contract) ?? {}) as Record<string, unknown>;
    const cases: BadInputCase[] = [
      ...[[1], "shutdown", 42, true].map((body) => send(`body of JSON type ${typeof body === "object" ? "list" : typeof body}`, body, /Body contents|dict/, { status: 400 })),
      send("unknown field", { ...base, no_such_field: 1 }, /no_such_field/, { status: 400 }),
      deepCase(at, method, fillPath(resource.path), shape, statics, base),
    ];
    const required = contract.opcode
      ? Object.keys(shape).filter((f) => !statics.includes(f) && f !== "OP_ID" && !(shape[f] as z.ZodType).safeParse(undefined).success)
      : ((contract.body as CustomBody).required ?? []);
    for (const field of required) {
      const { [field]: _omitted, ...rest } = base;
      cases.push(send(`missing ${field}`, rest, word(field), { status: 400 }));
    }
    if (required.length) cases.push(send("no body (null)", null, new RegExp(`${required.map(escape).join("|")}|Body contents`), { status: 400 }));
    if (contract.opcode) {
      for (const field of [...statics, "reason", "OP_ID"]) cases.push(send(`static ${field} in the body`, { ...base, [field]: "x" }, word(field), { status: 400 }));
    }
    for (const [field, schema] of Object.entries(shape)) {
      if (statics.includes(field) || field === "OP_ID" || field === "reason") continue;
      for (const [label, value, wrongType] of candidates(schema as z.ZodType)) {
        if (contract.dropped?.[field]?.(value)) continue;
        const refused = !(schema as z.ZodType).safeParse(value).success;
        // An odd value the schema takes is not bad input by itself; a value of the wrong JSON type always is.
        if (!refused && !wrongType) continue;
        cases.push(send(`${field} = ${label}`, { ...base, [field]: value }, word(field), refused ? {} : { jobMayFail: true }));
      }
    }
    return cases;
  });
}

/** A body nested DEEP levels down, in the first field that takes nested values (records, lists of anything). */
function deepCase(at: string, method: string, path: string, shape: Record<string, unknown>, statics: string[], base: Record<string, unknown>): BadInputCase {
  const takes = (value: unknown) => Object.keys(shape).find((f) => !statics.includes(f) && f !== "reason" && (shape[f] as z.ZodType).safeParse(value).success);
  const nested = `${"[".repeat(DEEP)}${"]".repeat(DEEP)}`;
  const inRecord = takes({ a: [[1]] });
  const inList = inRecord ? undefined : takes([[[1]]]);
  const [field, deep] = inRecord ? [inRecord, `{"a":${nested}}`] : inList ? [inList, nested] : ["no_such_field", nested];
  const rawBody = JSON.stringify({ ...base, [field]: "@@deep@@" }).replace('"@@deep@@"', deep);
  return { title: `${at}: ${field} nested ${DEEP} levels deep`, call: { method, path, rawBody }, status: 400, names: /nested|deep|Unable to parse/ };
}

type Candidate = [label: string, value: unknown, wrongType: boolean];

/** Values of the wrong JSON type for a field, then odd values of the right type (empty, long, negative, huge …). */
function candidates(schema: z.ZodType): Candidate[] {
  const kind = kindOf(schema);
  const wrong: Record<string, unknown[]> = {
    string: [12, true, {}, ["a"]],
    number: ["12", true, {}, [1]],
    boolean: ["yes", 1, {}, [true]],
    enum: [7, true, {}, ["live"]],
    array: [{}, "a", 7, true],
    record: [[], "a", 7, true],
    object: [[], "a", 7, true],
    tuple: [{}, "a", 7],
  };
  const odd: Record<string, unknown[]> = {
    string: ["", LONG, null],
    number: [-1, 1.5, 2 ** 53 + 2, 1e300, null],
    boolean: [null],
    enum: ["no-such-value", "", LONG, null],
    array: [[""], [LONG], [-1], [{}], [null], null],
    record: [{ "": 1 }, null],
    object: [{ no_such_key: 1 }, null],
  };
  const label = (v: unknown) => (v === LONG ? `<${LONG.length} chars>` : Array.isArray(v) && v[0] === LONG ? `[<${LONG.length} chars>]` : JSON.stringify(v));
  return [
    ...(wrong[kind] ?? []).map((v): Candidate => [label(v), v, true]),
    ...(odd[kind] ?? []).map((v): Candidate => [label(v), v, false]),
  ];
}

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"]);

/** The JSON type a zod schema stands for, under optional/nullable/default wrappers. */
function kindOf(schema: z.ZodType): string {
  let s = schema as unknown as { _zod: { def: { type: string; innerType?: unknown; in?: unknown } } };
  for (;;) {
    const def = s._zod.def;
    if (WRAPPERS.has(def.type)) s = def.innerType as typeof s;
    else if (def.type === "pipe") s = def.in as typeof s;
    else return def.type === "int" || def.type === "bigint" ? "number" : def.type;
  }
}

function opcodeShape(opId: string): Record<string, unknown> {
  const definition = OPCODES.get(opId);
  if (!definition) throw new Error(`route contract names unknown opcode ${opId}`);
  return (definition.params as unknown as z.ZodObject).shape;
}
