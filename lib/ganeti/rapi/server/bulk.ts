// The objects RAPI returns for nodes, groups, instances and jobs: Ganeti's field lists (rlib2's N_FIELDS, G_FIELDS,
// I_FIELDS, J_FIELDS) in Ganeti's order, read with one query and mapped to {field: value}; a cell without a value
// (node offline or unreachable) is null, as in Ganeti's bulk output.
import type { CompatResource, RapiBackend } from "./backend";
import type { FieldAdjustments } from "./bulk-text";
import type { JsonText } from "./json-text";
import { recordMaker } from "./record-maker";

const COMMON = ["ctime", "mtime", "uuid", "serial_no", "tags"];

export const I_FIELDS = [
  "name", "admin_state", "os", "pnode", "snodes", "disk_template",
  "nic.ips", "nic.macs", "nic.modes", "nic.uuids", "nic.names", "nic.links", "nic.networks", "nic.networks.names", "nic.bridges",
  "network_port", "disk.sizes", "disk.spindles", "disk_usage", "disk.uuids", "disk.names",
  "beparams", "hvparams", "oper_state", "oper_ram", "oper_vcpus", "status",
  "custom_hvparams", "custom_beparams", "custom_nicparams",
  ...COMMON,
];

export const N_FIELDS = [
  "name", "offline", "master_candidate", "drained", "dtotal", "dfree", "sptotal", "spfree", "mtotal", "mnode", "mfree",
  "pinst_cnt", "sinst_cnt", "ctotal", "cnos", "cnodes", "csockets", "pip", "sip", "role", "pinst_list", "sinst_list",
  "master_capable", "vm_capable", "ndparams", "group.uuid",
  ...COMMON,
];

export const G_FIELDS = [
  "alloc_policy", "name", "node_cnt", "node_list", "ipolicy", "custom_ipolicy", "diskparams", "custom_diskparams", "ndparams", "custom_ndparams",
  ...COMMON,
];

export const J_FIELDS_BULK = ["id", "ops", "status", "summary", "opstatus", "received_ts", "start_ts", "end_ts"];
export const J_FIELDS = [...J_FIELDS_BULK, "oplog", "opresult"];

/** Rows of values (null where a cell has no value), of the named objects or of all of them. */
export function queryValues(backend: RapiBackend, what: CompatResource, fields: string[], names?: string[]): Promise<unknown[][]> {
  return backend.queryValues(what, names ?? [], fields);
}

export async function queryObjects(backend: RapiBackend, what: CompatResource, fields: string[], names?: string[]): Promise<Array<Record<string, unknown>>> {
  const toObject = recordMaker(fields);
  return (await queryValues(backend, what, fields, names)).map(toObject);
}

/** Every object as Ganeti's bulk answer, as JSON text (see bulk-cache.ts for how masterd writes it). */
export function bulkListJson(backend: RapiBackend, what: CompatResource, fields: string[], adjust?: FieldAdjustments): Promise<JsonText> {
  return backend.bulkList(what, fields, adjust);
}

/** Ganeti's MapFields: {field: value} in the fields' order. */
export function mapFields(fields: string[], values: unknown[]): Record<string, unknown> {
  return recordMaker(fields)(values);
}

/** Ganeti's _UpdateBeparams: beparams gets the legacy `memory` (= maxmem). */
function withMemoryAlias(beparams: unknown): unknown {
  if (beparams && typeof beparams === "object") (beparams as Record<string, unknown>).memory = (beparams as Record<string, unknown>).maxmem;
  return beparams;
}

/** What RAPI changes in an instance's fields (the query's hvparams already leave out the cluster-wide ones). */
export const I_ADJUST: FieldAdjustments = { beparams: withMemoryAlias };

export function instanceObject(item: Record<string, unknown>): Record<string, unknown> {
  item.beparams = withMemoryAlias(item.beparams);
  return item;
}

/** Ganeti's BuildUriList: stubs sorted by id (plain code-point order, as Python's list.sort). */
export function uriList(ids: Array<string | number>, prefix: string, key: "id" | "name"): Array<Record<string, unknown>> {
  const sorted = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted.map((id) => ({ [key]: id, uri: `${prefix}${id}` }));
}
