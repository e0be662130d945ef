// Nodes: the list (stubs or bulk), one node, its role, and the operations on it (lib/rapi/rlib2.py R_2_nodes*).
// Note Ganeti's asymmetry: /2/nodes/[n]/modify is POST (instances and groups use PUT).
import { badRequest, notFound } from "../http-errors";
import { bulkListJson, mapFields, N_FIELDS, queryValues, uriList } from "../bulk";
import { submitOpcode } from "../opcode-body";
import { boolArg, dryRun, hasArg, intArg, jsonTypeName, stringArg, useBulk, useForce, useLocking, type RapiRequest } from "../request";
import type { Resource } from "../routes";
import { tagsResource } from "./tags";

const ROLE_WORDS: Record<string, string> = { M: "master", C: "master-candidate", R: "regular", D: "drained", O: "offline" };

/** What each settable role means for OP_NODE_SET_PARAMS (rlib2 R_2_nodes_name_role.GetPutOpInput). */
const ROLE_FLAGS: Record<string, { master_candidate: boolean | null; offline: boolean | null; drained: boolean | null }> = {
  regular: { master_candidate: false, offline: false, drained: false },
  "master-candidate": { master_candidate: true, offline: null, drained: null },
  drained: { master_candidate: null, offline: null, drained: true },
  offline: { master_candidate: null, offline: true, drained: null },
};

async function listNodes(req: RapiRequest) {
  if (useBulk(req)) return bulkListJson(req.backend, "node", N_FIELDS);
  const rows = await queryValues(req.backend, "node", ["name"]);
  return uriList(rows.map((r) => String(r[0])), "/2/nodes/", "id");
}

async function getNode(req: RapiRequest) {
  useLocking(req); // Ganeti checks ?lock=; reading Gantry's configuration needs no locks
  const [row] = await queryValues(req.backend, "node", N_FIELDS, [req.items[0]!]);
  if (!row) throw notFound();
  const node = mapFields(N_FIELDS, row);
  node.secondary_ip = node.sip; // Ganeti's GET_ALIASES
  return node;
}

async function getRole(req: RapiRequest) {
  useLocking(req); // Ganeti checks ?lock=; reading Gantry's configuration needs no locks
  const [row] = await queryValues(req.backend, "node", ["role"], [req.items[0]!]);
  if (!row) throw notFound();
  return ROLE_WORDS[String(row[0])] ?? row[0];
}

function setRole(req: RapiRequest) {
  if (typeof req.body !== "string") throw badRequest(`Body contents: Type is '${jsonTypeName(req.body)}', but 'str' is expected`);
  const flags = ROLE_FLAGS[req.body];
  if (!flags) throw badRequest(`Can't set '${req.body}' role`);
  return submitOpcode(req, "OP_NODE_SET_PARAMS", {
    body: {},
    statics: { node_name: req.items[0], ...flags, force: useForce(req), auto_promote: boolArg(req, "auto-promote") },
  });
}

function migrateNode(req: RapiRequest) {
  // Ganeti's legacy form: ?live= or ?mode= instead of a body.
  if ([...req.query.keys()].length && (hasArg(req, "live") || hasArg(req, "mode"))) {
    if (hasArg(req, "live") && hasArg(req, "mode")) throw badRequest("Only one of 'live' and 'mode' should be passed");
    const mode = hasArg(req, "live") ? (intArg(req, "live", 1) ? "live" : "non-live") : stringArg(req, "mode");
    return submitOpcode(req, "OP_NODE_MIGRATE", { body: { mode }, statics: { node_name: req.items[0] } });
  }
  return submitOpcode(req, "OP_NODE_MIGRATE", { statics: { node_name: req.items[0] } });
}

function nodeStorage(req: RapiRequest) {
  const outputFields = stringArg(req, "output_fields");
  if (!outputFields) throw badRequest("Missing the required 'output_fields' parameter");
  return submitOpcode(req, "OP_NODE_QUERY_STORAGE", {
    body: {},
    statics: { nodes: [req.items[0]], storage_type: stringArg(req, "storage_type") ?? null, output_fields: outputFields.split(",") },
  });
}

export const NODE_RESOURCES: Resource[] = [
  { path: "/2/nodes", name: "nodes", GET: listNodes },
  { path: "/2/nodes/{name}", name: "nodes_name", GET: getNode },
  { path: "/2/nodes/{name}/role", name: "nodes_name_role", GET: getRole, PUT: setRole },
  {
    path: "/2/nodes/{name}/powercycle",
    name: "nodes_name_powercycle",
    POST: (req) => submitOpcode(req, "OP_NODE_POWERCYCLE", { statics: { node_name: req.items[0], force: useForce(req) } }),
  },
  {
    path: "/2/nodes/{name}/evacuate",
    name: "nodes_name_evacuate",
    POST: (req) => submitOpcode(req, "OP_NODE_EVACUATE", { statics: { node_name: req.items[0], dry_run: dryRun(req) } }),
  },
  { path: "/2/nodes/{name}/migrate", name: "nodes_name_migrate", POST: migrateNode },
  {
    path: "/2/nodes/{name}/modify",
    name: "nodes_name_modify",
    POST: (req) => submitOpcode(req, "OP_NODE_SET_PARAMS", { statics: { node_name: req.items[0] } }),
  },
  { path: "/2/nodes/{name}/storage", name: "nodes_name_storage", GET: nodeStorage, access: { GET: ["write"] } },
  { path: "/2/nodes/{name}/storage/modify", name: "nodes_name_storage_modify", unsupported: "Gantry cannot change storage units yet" },
  { path: "/2/nodes/{name}/storage/repair", name: "nodes_name_storage_repair", unsupported: "Gantry cannot repair storage units yet" },
  tagsResource("/2/nodes/{name}/tags", "nodes_name_tags", "node"),
];
