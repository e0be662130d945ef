// The objects RAPI returns for nodes, groups, instances and jobs: Ganeti's field lists (rlib2's N_FIELDS, G_FIELDS,
// I_FIELDS, J_FIELDS) in Ganeti's order, read with one query and mapped to {field: value}; a cell without a value
// (node offline or unreachable, unknown field) is null, as in Ganeti's bulk output.
import type { QueryFilter } from "../../query/filter";
import type { RapiBackend } from "./backend";

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

/** Hypervisor parameters that are cluster-wide only (Ganeti's HVC_GLOBALS): not part of an instance's hvparams. */
const HV_GLOBALS = new Set(["migration_port", "migration_bandwidth", "migration_mode"]);

export const namesFilter = (names: string[]): QueryFilter => ["|", ...names.map((n) => ["=", "name", n])];

export function mapFields(fields: string[], values: unknown[]): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  fields.forEach((name, i) => (item[name] = values[i] ?? null));
  return item;
}

/** Rows of values (null where a cell has no value), optionally only the named objects. */
export async function queryValues(backend: RapiBackend, what: string, fields: string[], names?: string[]): Promise<unknown[][]> {
  const result = await backend.query(what, fields, names ? namesFilter(names) : null);
  return result.data.map((row) => row.map(([status, value]) => (status === 0 ? value : null)));
}

export async function queryObjects(backend: RapiBackend, what: string, fields: string[], names?: string[]): Promise<Array<Record<string, unknown>>> {
  return (await queryValues(backend, what, fields, names)).map((row) => mapFields(fields, row));
}

/** Ganeti's _UpdateBeparams (beparams.memory = maxmem), and hvparams without the cluster-wide ones. */
export function instanceObject(item: Record<string, unknown>): Record<string, unknown> {
  const be = item.beparams as Record<string, unknown> | null;
  if (be && typeof be === "object") be.memory = be.maxmem;
  const hv = item.hvparams as Record<string, unknown> | null;
  if (hv && typeof hv === "object") item.hvparams = Object.fromEntries(Object.entries(hv).filter(([k]) => !HV_GLOBALS.has(k)));
  return item;
}

/** Ganeti's BuildUriList: stubs sorted by id (plain code-point order, as Python's list.sort). */
export function uriList(ids: Array<string | number>, prefix: string, key: "id" | "name"): Array<Record<string, unknown>> {
  const sorted = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted.map((id) => ({ [key]: id, uri: `${prefix}${id}` }));
}
