// The shapes of RAPI v2 answers the project uses, as zod schemas: the fields Gantry reads are checked, the rest pass
// through untouched (loose objects), so a newer Ganeti with more fields still parses and a server that is not Ganeti
// fails with a message naming the field. Live values (memory, disk, oper_*) are null when a node is offline, as in Ganeti.
import { z } from "zod";
import { RapiResponseError } from "./errors";

const num = z.number();
const liveNum = z.number().nullable();
const strings = z.array(z.string());
const params = z.record(z.string(), z.unknown());
const timestamp = z.number().nullable();

/** Ganeti ≥ 2.7 answers job ids as numbers; 2.0–2.6 as strings. */
export const JobIdSchema = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

export const StubSchema = z.looseObject({ id: z.string(), uri: z.string() });
export const GroupStubSchema = z.looseObject({ name: z.string(), uri: z.string() });
export const JobStubSchema = z.looseObject({ id: JobIdSchema, uri: z.string() });

export const ClusterInfoSchema = z.looseObject({
  name: z.string(),
  master: z.string(),
  software_version: z.string(),
  protocol_version: num.optional(),
  architecture: z.array(z.string()).optional(),
  default_hypervisor: z.string(),
  enabled_hypervisors: strings,
  enabled_disk_templates: strings.optional(),
  beparams: z.record(z.string(), params),
  hvparams: z.record(z.string(), params).optional(),
  ipolicy: params.optional(),
  ndparams: params.optional(),
  nicparams: z.record(z.string(), params).optional(),
  candidate_pool_size: num.optional(),
  default_iallocator: z.string().optional(),
  file_storage_dir: z.string().optional(),
  uuid: z.string(),
  tags: strings,
  ctime: timestamp.optional(),
  mtime: timestamp.optional(),
});

export const NodeSchema = z.looseObject({
  name: z.string(),
  offline: z.boolean(),
  drained: z.boolean(),
  master_candidate: z.boolean(),
  master_capable: z.boolean(),
  vm_capable: z.boolean(),
  /** M(aster), C(andidate), R(egular), D(rained), O(ffline). */
  role: z.enum(["M", "C", "R", "D", "O"]),
  mtotal: liveNum,
  mnode: liveNum,
  mfree: liveNum,
  dtotal: liveNum,
  dfree: liveNum,
  sptotal: liveNum.optional(),
  spfree: liveNum.optional(),
  ctotal: liveNum,
  cnos: liveNum.optional(),
  cnodes: liveNum.optional(),
  csockets: liveNum.optional(),
  pinst_cnt: num,
  sinst_cnt: num,
  pinst_list: strings,
  sinst_list: strings,
  pip: z.string().nullable(),
  sip: z.string().nullable(),
  "group.uuid": z.string(),
  ndparams: params.optional(),
  uuid: z.string(),
  serial_no: num.optional(),
  ctime: timestamp.optional(),
  mtime: timestamp.optional(),
  tags: strings,
});

export const GroupSchema = z.looseObject({
  name: z.string(),
  uuid: z.string(),
  alloc_policy: z.string(),
  node_cnt: num,
  node_list: strings,
  ipolicy: params.optional(),
  ndparams: params.optional(),
  serial_no: num.optional(),
  tags: strings,
});

export const InstanceSchema = z.looseObject({
  name: z.string(),
  /** running, ADMIN_down, ADMIN_offline, ERROR_up, ERROR_down, ERROR_nodedown, ERROR_nodeoffline, ERROR_wrongnode, USER_down. */
  status: z.string(),
  /** up, down or offline. */
  admin_state: z.string(),
  admin_state_source: z.string().optional(),
  oper_state: z.boolean().nullable(),
  oper_ram: liveNum,
  oper_vcpus: liveNum,
  os: z.string().nullable(),
  pnode: z.string(),
  snodes: strings,
  disk_template: z.string(),
  beparams: z.looseObject({ maxmem: num, minmem: num, vcpus: num, memory: num.optional(), auto_balance: z.boolean().optional() }),
  hvparams: params,
  custom_beparams: params.optional(),
  custom_hvparams: params.optional(),
  "disk.sizes": z.array(num),
  "disk.spindles": z.array(liveNum).optional(),
  "disk.names": z.array(z.string().nullable()).optional(),
  "disk.uuids": strings.optional(),
  disk_usage: liveNum,
  "nic.ips": z.array(z.string().nullable()),
  "nic.macs": strings,
  "nic.modes": strings,
  "nic.links": z.array(z.string().nullable()),
  "nic.bridges": z.array(z.string().nullable()).optional(),
  "nic.networks": z.array(z.string().nullable()).optional(),
  "nic.names": z.array(z.string().nullable()).optional(),
  "nic.uuids": strings.optional(),
  network_port: liveNum.optional(),
  uuid: z.string(),
  serial_no: num.optional(),
  ctime: timestamp.optional(),
  mtime: timestamp.optional(),
  tags: strings,
});

export const JOB_STATUSES = ["queued", "waiting", "canceling", "running", "canceled", "success", "error"] as const;
export const FINAL_JOB_STATUSES: readonly JobStatus[] = ["canceled", "success", "error"];
const JobStatusSchema = z.enum(JOB_STATUSES);

/** [serial, [seconds, microseconds], type, message]. */
export const LogEntrySchema = z.tuple([num, z.tuple([num, num]), z.string(), z.unknown()]);
const jobTime = z.tuple([num, num]).nullable();

export const JobSchema = z.looseObject({
  id: JobIdSchema,
  status: JobStatusSchema,
  ops: z.array(z.looseObject({ OP_ID: z.string() })),
  opstatus: z.array(z.string()),
  /** Per opcode; a failed one is [ErrorClass, [message, code?]]. Not in bulk listings. */
  opresult: z.array(z.unknown()).optional(),
  oplog: z.array(z.array(LogEntrySchema)).optional(),
  summary: strings,
  received_ts: jobTime,
  start_ts: jobTime,
  end_ts: jobTime,
});

export const JobChangeSchema = z
  .looseObject({ job_info: z.array(z.unknown()), log_entries: z.array(LogEntrySchema) })
  .nullable();

/** Every row an array of [status, value] cells with an integer status: checked in place, without zod's copies. */
function isCellRows(value: unknown): value is Array<Array<[number, unknown]>> {
  if (!Array.isArray(value)) return false;
  for (const row of value) {
    if (!Array.isArray(row)) return false;
    for (const cell of row) if (!Array.isArray(cell) || cell.length !== 2 || !Number.isInteger(cell[0])) return false;
  }
  return true;
}

/** A network (Ganeti ≥ 2.7, lib/rapi/rlib2.py N_FIELDS): its subnet, gateway, and the node groups it is connected to. */
export const NetworkSchema = z.looseObject({
  name: z.string(),
  network: z.string().nullable().optional(),
  gateway: z.string().nullable().optional(),
  network6: z.string().nullable().optional(),
  mac_prefix: z.string().nullable().optional(),
  free_count: num.nullable().optional(),
  /** [group name, NIC mode, NIC link] per connected group. */
  group_list: z.array(z.array(z.unknown())).optional(),
  tags: strings.optional(),
});

export const QueryResultSchema = z.looseObject({
  fields: z.array(z.looseObject({ name: z.string(), title: z.string(), kind: z.string(), doc: z.string() })),
  /**
   * One row per item; each cell [status, value], status 0 = normal (1 unknown field, 2 no data, 3 unavailable, 4
   * offline). A query of 40,000 instances has hundreds of thousands of cells: checked by hand, not parsed by zod.
   */
  data: z.custom<Array<Array<[number, unknown]>>>(isCellRows, { message: "expected rows of [status, value] cells with an integer status" }),
});

/** Ganeti's InstanceConsole: how to reach a running instance's console (which fields are set depends on the kind). */
export const InstanceConsoleSchema = z.looseObject({
  instance: z.string(),
  /** vnc, spice, ssh (a serial console through ssh) or msg (none: `message` says why). */
  kind: z.string(),
  message: z.string().nullable().optional(),
  /** vnc, spice: the address the hypervisor listens on (0.0.0.0: every address of the primary node); ssh: the node. */
  host: z.string().nullable().optional(),
  port: z.number().int().nullable().optional(),
  user: z.string().nullable().optional(),
  command: z.array(z.string()).nullable().optional(),
  display: z.number().int().nullable().optional(),
  /** Gantry's kvm: the VNC password is this instance's own, derived from the cluster's and this UUID (instanceVncPassword). */
  vnc_password_of_instance: z.string().optional(),
});

export type ClusterInfo = z.infer<typeof ClusterInfoSchema>;
export type InstanceConsole = z.infer<typeof InstanceConsoleSchema>;
export type RapiNode = z.infer<typeof NodeSchema>;
export type RapiGroup = z.infer<typeof GroupSchema>;
export type RapiNetwork = z.infer<typeof NetworkSchema>;
export type RapiInstance = z.infer<typeof InstanceSchema>;
export type JobStatus = z.infer<typeof JobStatusSchema>;
export type RapiJob = z.infer<typeof JobSchema>;
export type LogEntry = z.infer<typeof LogEntrySchema>;
export type JobChange = z.infer<typeof JobChangeSchema>;
export type QueryResult = z.infer<typeof QueryResultSchema>;

/** Checks an answer against its schema; a mismatch names the request, the field and what came instead. */
export function expectShape<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 3).map((i) => `${pathOf(i.path)}: ${i.message}`);
  const more = result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more)` : "";
  throw new RapiResponseError(`${what}: the answer is not what a Ganeti RAPI v2 server sends: ${issues.join("; ")}${more}; is this URL a Ganeti RAPI endpoint?`);
}

function pathOf(path: PropertyKey[]): string {
  return "$" + path.map((p) => (typeof p === "number" ? `[${p}]` : /^[A-Za-z_]\w*$/.test(String(p)) ? `.${String(p)}` : `[${JSON.stringify(String(p))}]`)).join("");
}
