// What the cache keeps of each kind of object: the query fields asked of the cluster (names as in Ganeti's query
// language, so a real Ganeti answers them too), and how a record of them becomes a database row.
import type { Prisma } from "@/lib/generated/prisma/client";

/** One object's fields by name; a field the cluster could not give (unknown, no data, offline) is null. */
export type FieldRecord = Record<string, unknown>;

export const INSTANCE_FIELDS = [
  "name", "uuid", "pnode", "snodes", "status", "admin_state", "oper_state", "oper_ram", "oper_vcpus", "disk_template", "os",
  "be/maxmem", "be/vcpus", "disk.sizes", "nic.ips", "nic.macs", "network_port", "tags", "ctime", "mtime", "serial_no",
];
/**
 * What a sync asks of every instance to find the ones that changed: its configuration stamp, its live state, and what
 * lives in its disk objects — disk sizes and nodes: growing a disk or replacing a DRBD secondary updates the disks,
 * not the instance, so Ganeti (3.0, where disks are objects of their own) leaves the instance's mtime and serial_no
 * as they were.
 */
export const INSTANCE_CHANGE_FIELDS = ["name", "mtime", "serial_no", "status", "oper_state", "oper_ram", "oper_vcpus", "disk.sizes", "pnode", "snodes"];

export const NODE_FIELDS = [
  "name", "uuid", "role", "group", "offline", "drained", "master_candidate", "vm_capable", "mtotal", "mfree", "dtotal", "dfree",
  "ctotal", "pinst_cnt", "sinst_cnt", "pip", "sip", "tags", "ctime", "mtime", "serial_no",
];
export const GROUP_FIELDS = ["name", "uuid", "alloc_policy", "node_cnt", "tags", "ctime", "mtime", "serial_no"];
export const JOB_FIELDS = ["id", "status", "summary", "received_ts", "start_ts", "end_ts"];

const STAMP_FIELDS = INSTANCE_CHANGE_FIELDS.slice(1);
const stampPart = (value: unknown): string => (value === null || value === undefined ? "\u0002" : typeof value === "string" ? value : String(value));

/** What decides whether an instance's row must be written again: its stamp values, in STAMP_FIELDS order. */
export function stampKey(values: readonly unknown[]): string {
  let key = "";
  for (let i = 0; i < values.length; i++) key += (i ? "\u0001" : "") + stampPart(values[i]);
  return key;
}

export const instanceChangeKey = (r: FieldRecord): string => stampKey(STAMP_FIELDS.map((f) => r[f]));

const int = (value: unknown): number => (typeof value === "number" && Number.isFinite(value) ? Math.round(value) : 0);
const maybeInt = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? Math.round(value) : null);
const text = (value: unknown): string => (typeof value === "string" ? value : value === null || value === undefined ? "" : String(value));
const list = (value: unknown): string => JSON.stringify(Array.isArray(value) ? value : []);
/** Ganeti's timestamps: seconds, or [seconds, microseconds]. */
export const seconds = (value: unknown): number | null =>
  typeof value === "number" ? value : Array.isArray(value) && typeof value[0] === "number" ? value[0] + Number(value[1] ?? 0) / 1e6 : null;

/** The columns every cached Ganeti object has: who it is, its stamp, and all its fields as JSON. */
function objectColumns(clusterId: string, r: FieldRecord) {
  return { clusterId, name: text(r.name), uuid: text(r.uuid), mtime: seconds(r.mtime) ?? 0, serialNo: int(r.serial_no), data: JSON.stringify(r) };
}

export function instanceRow(clusterId: string, r: FieldRecord): Prisma.CachedInstanceCreateManyInput {
  const sizes = Array.isArray(r["disk.sizes"]) ? (r["disk.sizes"] as unknown[]) : [];
  return {
    ...objectColumns(clusterId, r),
    pnode: text(r.pnode),
    snodes: list(r.snodes),
    status: text(r.status),
    adminState: text(r.admin_state),
    operState: typeof r.oper_state === "boolean" ? r.oper_state : null,
    diskTemplate: text(r.disk_template),
    os: text(r.os),
    memory: int(r["be/maxmem"]),
    vcpus: int(r["be/vcpus"]),
    diskSize: sizes.reduce<number>((sum, size) => sum + int(size), 0),
    tags: list(r.tags),
  };
}

export function nodeRow(clusterId: string, r: FieldRecord): Prisma.CachedNodeCreateManyInput {
  return {
    ...objectColumns(clusterId, r),
    role: text(r.role),
    groupName: text(r.group),
    offline: r.offline === true,
    drained: r.drained === true,
    masterCandidate: r.master_candidate === true,
    vmCapable: r.vm_capable !== false,
    mtotal: maybeInt(r.mtotal),
    mfree: maybeInt(r.mfree),
    dtotal: maybeInt(r.dtotal),
    dfree: maybeInt(r.dfree),
    ctotal: maybeInt(r.ctotal),
    pinstCnt: int(r.pinst_cnt),
    sinstCnt: int(r.sinst_cnt),
  };
}

export function groupRow(clusterId: string, r: FieldRecord): Prisma.CachedGroupCreateManyInput {
  return {
    ...objectColumns(clusterId, r),
    allocPolicy: text(r.alloc_policy),
    nodeCount: int(r.node_cnt),
  };
}

export function jobRow(clusterId: string, r: FieldRecord): Prisma.CachedJobCreateManyInput {
  const summary = Array.isArray(r.summary) ? (r.summary as unknown[]).map(text).join(", ") : text(r.summary);
  return {
    clusterId,
    jobId: int(r.id),
    status: text(r.status),
    summary,
    receivedAt: seconds(r.received_ts),
    startedAt: seconds(r.start_ts),
    endedAt: seconds(r.end_ts),
    data: JSON.stringify(r),
  };
}

export const FINAL_JOB_STATUSES: ReadonlySet<string> = new Set(["success", "error", "canceled"]);
