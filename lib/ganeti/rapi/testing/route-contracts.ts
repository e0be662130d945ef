// Test support: what each RAPI route reads from a request, as Ganeti 3.0.2's rlib2 reads it — the opcode its body
// fills and the fields the URL and query string fix ("statics"), the query arguments it parses as integers, and how
// it reads a body that is not an opcode's. bad-input-cases.ts turns this into bad requests; every (path, method) of
// the route table must have an entry here, so a new route cannot escape the sweep.
import { z } from "zod";

/** The names a sweep puts into path patterns: objects the test cluster has. */
export const EXISTING = { instance: "db1.example.org", stoppedInstance: "off1.example.org", node: "node2.example.org", group: "default", job: "1", disk: "0", query: "instance" };

/** A body that is not an opcode's, described by its fields (Ganeti's documented contract). */
export type CustomBody = { schema: z.ZodObject; base: Record<string, unknown>; required?: string[] };

export type RouteContract = {
  /** The opcode the body fills (Ganeti's FillOpcode): its schema is the body's contract. */
  opcode?: string;
  /** Opcode fields the route sets from the URL and the query string: a body may not override them. */
  statics?: string[];
  /** A valid body; each bad value replaces one field of it. */
  base?: unknown;
  /** The body is read but is not an opcode's. "role" is a bare JSON string, "tags" a list of strings. */
  body?: "ignored" | "role" | "tags" | CustomBody;
  /** Query arguments parsed as integers (Ganeti's _checkIntVariable: anything else is 400). */
  intArgs?: string[];
  /** Query arguments a valid request needs (e.g. ?tag= for tag changes, ?output_fields= for storage). */
  query?: string;
  /** Body values the route rewrites before the opcode sees them (field → values Ganeti also drops). */
  dropped?: Record<string, (value: unknown) => boolean>;
};

const filter = z.array(z.unknown()).nullable();

/** Ganeti's /2/jobs/[id]/wait body (rlib2 R_2_jobs_id_wait). */
const WAIT_BODY: CustomBody = {
  schema: z.object({ fields: z.array(z.string()), previous_job_info: z.array(z.unknown()).nullable(), previous_log_serial: z.number().int().nullable() }),
  base: { fields: ["status"], previous_job_info: null, previous_log_serial: null },
  required: ["fields"],
};

/** Ganeti's /2/query/[resource] PUT body. */
const QUERY_BODY: CustomBody = {
  schema: z.object({ fields: z.array(z.string()), qfilter: filter, filter }),
  base: { fields: ["name"] },
};

/** Ganeti's reinstall body (rlib2 R_2_instances_name_reinstall: os, start, osparams). */
const REINSTALL_BODY: CustomBody = {
  schema: z.object({ os: z.string().nullable(), start: z.boolean(), osparams: z.record(z.string(), z.unknown()).nullable() }),
  base: { os: "noop", start: false },
};

/** Tags of any object: PUT/DELETE take ?tag= (or, without it, a JSON list of strings as the body). */
const TAGS: Record<string, RouteContract> = {
  GET: {},
  PUT: { body: "tags", intArgs: ["dry-run"], query: "tag=swept" },
  DELETE: { body: "tags", intArgs: ["dry-run"], query: "tag=swept" },
};

/** A creation request (format version 1) that would succeed. */
export const NEW_INSTANCE = {
  __version__: 1,
  instance_name: "new1.example.org",
  mode: "create",
  disk_template: "plain",
  disks: [{ size: 1024 }],
  nics: [{}],
  os_type: "noop",
  pnode: "node2.example.org",
  name_check: false,
  ip_check: false,
};

/** Keyed by the route table's path, then method. */
export const ROUTE_CONTRACTS: Record<string, Record<string, RouteContract>> = {
  "/": { GET: {} },
  "/2": { GET: {} },
  "/version": { GET: {} },
  "/2/info": { GET: {} },
  "/2/features": { GET: {} },
  "/2/os": { GET: { intArgs: ["bulk"] } },
  "/2/redistribute-config": { PUT: { opcode: "OP_CLUSTER_REDIST_CONF", base: {} } },
  "/2/modify": { PUT: { opcode: "OP_CLUSTER_SET_PARAMS", base: {} } },
  "/2/tags": TAGS,
  "/2/nodes": { GET: { intArgs: ["bulk"] } },
  "/2/nodes/{name}": { GET: { intArgs: ["lock"] } },
  "/2/nodes/{name}/role": {
    GET: { intArgs: ["lock"] },
    PUT: { body: "role", base: "drained", intArgs: ["force", "auto-promote"] },
  },
  "/2/nodes/{name}/powercycle": { POST: { opcode: "OP_NODE_POWERCYCLE", statics: ["node_name", "force"], intArgs: ["force"], base: {} } },
  "/2/nodes/{name}/evacuate": {
    POST: { opcode: "OP_NODE_EVACUATE", statics: ["node_name", "dry_run"], intArgs: ["dry-run"], base: { mode: "secondary-only", iallocator: "hail" } },
  },
  "/2/nodes/{name}/migrate": { POST: { opcode: "OP_NODE_MIGRATE", statics: ["node_name"], intArgs: ["live"], base: { mode: "live" } } },
  "/2/nodes/{name}/modify": { POST: { opcode: "OP_NODE_SET_PARAMS", statics: ["node_name"], base: { drained: true } } },
  "/2/nodes/{name}/storage": { GET: { body: "ignored", query: "output_fields=name,size" } },
  "/2/nodes/{name}/storage/modify": {},
  "/2/nodes/{name}/storage/repair": {},
  "/2/nodes/{name}/tags": TAGS,
  "/2/groups": {
    GET: { intArgs: ["bulk"] },
    POST: { opcode: "OP_GROUP_ADD", statics: ["dry_run"], intArgs: ["dry-run"], base: { group_name: "group2" } },
  },
  "/2/groups/{name}": {
    GET: { intArgs: ["lock"] },
    DELETE: { body: "ignored", intArgs: ["dry-run"] },
  },
  "/2/groups/{name}/modify": { PUT: { opcode: "OP_GROUP_SET_PARAMS", statics: ["group_name"], base: { alloc_policy: "last_resort" } } },
  "/2/groups/{name}/rename": { PUT: { opcode: "OP_GROUP_RENAME", statics: ["group_name", "dry_run"], intArgs: ["dry-run"], base: { new_name: "group3" } } },
  "/2/groups/{name}/assign-nodes": {
    PUT: { opcode: "OP_GROUP_ASSIGN_NODES", statics: ["group_name", "dry_run", "force"], intArgs: ["dry-run", "force"], base: { nodes: ["node1.example.org"] } },
  },
  "/2/groups/{name}/tags": TAGS,
  "/2/instances": {
    GET: { intArgs: ["bulk", "lock"] },
    POST: { opcode: "OP_INSTANCE_CREATE", statics: ["dry_run"], intArgs: ["dry-run"], base: NEW_INSTANCE },
  },
  "/2/instances/{name}": {
    GET: { intArgs: ["lock"] },
    DELETE: { opcode: "OP_INSTANCE_REMOVE", statics: ["instance_name", "ignore_failures", "dry_run"], intArgs: ["dry-run"], base: { shutdown_timeout: 0 } },
  },
  "/2/instances/{name}/info": { GET: { body: "ignored", intArgs: ["static"] } },
  "/2/instances/{name}/console": { GET: {} },
  "/2/instances-multi-alloc": {},
  "/2/instances/{name}/startup": { PUT: { body: "ignored", intArgs: ["force", "dry-run", "no_remember"] } },
  "/2/instances/{name}/shutdown": {
    PUT: { opcode: "OP_INSTANCE_SHUTDOWN", statics: ["instance_name", "no_remember", "dry_run"], intArgs: ["no_remember", "dry-run"], base: { timeout: 0 } },
  },
  "/2/instances/{name}/reboot": {
    POST: {
      opcode: "OP_INSTANCE_REBOOT",
      statics: ["instance_name", "reboot_type", "ignore_secondaries", "dry_run"],
      intArgs: ["ignore_secondaries", "dry-run"],
      base: { shutdown_timeout: 0 },
    },
  },
  "/2/instances/{name}/modify": { PUT: { opcode: "OP_INSTANCE_SET_PARAMS", statics: ["instance_name"], base: { beparams: { vcpus: 2 } } } },
  "/2/instances/{name}/migrate": { PUT: { opcode: "OP_INSTANCE_MIGRATE", statics: ["instance_name"], base: { mode: "live" } } },
  "/2/instances/{name}/failover": { PUT: { opcode: "OP_INSTANCE_FAILOVER", statics: ["instance_name"], base: { shutdown_timeout: 0 } } },
  "/2/instances/{name}/rename": { PUT: { opcode: "OP_INSTANCE_RENAME", statics: ["instance_name"], base: { new_name: "db9.example.org" } } },
  "/2/instances/{name}/reinstall": { POST: { body: REINSTALL_BODY, intArgs: ["nostartup"] } },
  "/2/instances/{name}/replace-disks": {
    POST: {
      opcode: "OP_INSTANCE_REPLACE_DISKS",
      statics: ["instance_name"],
      base: { mode: "replace_on_secondary" },
      // Ganeti drops a false-y `disks` (meaning all disks) before filling the opcode.
      dropped: { disks: (value) => !value },
    },
  },
  "/2/instances/{name}/activate-disks": { PUT: { body: "ignored", intArgs: ["ignore_size"] } },
  "/2/instances/{name}/deactivate-disks": { PUT: { body: "ignored", intArgs: ["force"] } },
  "/2/instances/{name}/disk/{id}/grow": { POST: { opcode: "OP_INSTANCE_GROW_DISK", statics: ["instance_name", "disk"], base: { amount: 128 } } },
  "/2/instances/{name}/recreate-disks": {},
  "/2/instances/{name}/prepare-export": {},
  "/2/instances/{name}/export": {},
  "/2/instances/{name}/tags": TAGS,
  "/2/jobs": { GET: { intArgs: ["bulk"] } },
  "/2/jobs/{id}": { GET: {}, DELETE: { body: "ignored" } },
  "/2/jobs/{id}/wait": { GET: { body: WAIT_BODY } },
  "/2/query/{name}": { GET: { query: "fields=name" }, PUT: { body: QUERY_BODY } },
  "/2/query/{name}/fields": { GET: {} },
  "/2/networks": { GET: { intArgs: ["bulk"] } },
  "/2/networks/{name}": { GET: {} },
  "/2/networks/{name}/connect": {},
  "/2/networks/{name}/disconnect": {},
  "/2/networks/{name}/modify": {},
  "/2/networks/{name}/rename": {},
  "/2/networks/{name}/tags": {},
  "/2/filters": { GET: { intArgs: ["bulk"] } },
  "/2/filters/{name}": { GET: {} },
};

/** A path pattern with the test cluster's objects (or `name`/`id` when given) put in. */
export function fillPath(pattern: string, name?: string, id?: string): string {
  const parts = pattern.split("/");
  return parts
    .map((part, i) => {
      if (part === "{name}") return name ?? existingName(parts[i - 1]!);
      if (part === "{id}") return id ?? (parts[i - 1] === "disk" ? EXISTING.disk : EXISTING.job);
      return part;
    })
    .join("/");
}

function existingName(collection: string): string {
  const names: Record<string, string> = { instances: EXISTING.instance, nodes: EXISTING.node, groups: EXISTING.group, query: EXISTING.query };
  return names[collection] ?? "net1";
}
