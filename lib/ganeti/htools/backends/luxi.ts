// htools' luxi backend (`-L [SOCKET]`, Ganeti's Backend/Luxi.hs): the embedded Gantry cluster, read through its
// master daemon's socket with the same Query calls and fields Ganeti's htools use. Each cell comes with a status;
// a value the master could not give (offline node, no data) is an error unless htools does not need it (values of
// nodes that are offline or not vm_capable, and spindles / disk of nodes without local storage).
import { connectMaster } from "../../cli/connect";
import { LuxiClient } from "../../luxi/client";
import { defaultStateDir } from "../../master/settings";
import type { ClusterData } from "../cluster-data";
import { HtoolsInputError } from "../types";
import type { ClusterRecord, GroupRecord, InstanceRecord, NodeRecord } from "./cluster-records";
import { assembleClusterData } from "./cluster-records";
import type { Reader } from "./ganeti-json";
import {
  annotate,
  fromObj,
  isObject,
  JsonReadError,
  readAllocPolicy,
  readBool,
  readDiskTemplate,
  readDouble,
  readInstanceStatus,
  readInt,
  readIPolicy,
  readList,
  readMaybeList,
  readString,
  readStringList,
  zipDisks,
} from "./ganeti-json";

export const LUXI_NODE_FIELDS = [
  "name", "mtotal", "mnode", "mfree", "dtotal", "dfree", "ctotal", "cnos", "offline", "drained", "vm_capable",
  "ndp/spindle_count", "group.uuid", "tags", "ndp/exclusive_storage", "sptotal", "spfree", "ndp/cpu_speed",
];
export const LUXI_INSTANCE_FIELDS = [
  "name", "disk_usage", "be/memory", "be/vcpus", "status", "pnode", "snodes", "tags", "oper_ram", "be/auto_balance",
  "disk_template", "be/spindle_use", "disk.sizes", "disk.spindles", "forthcoming",
];
export const LUXI_GROUP_FIELDS = ["uuid", "name", "alloc_policy", "ipolicy", "tags"];

type Cell = [number, unknown];
type QueryAnswer = { fields?: unknown; data: Cell[][] };
export type LuxiAnswers = { groups: QueryAnswer; nodes: QueryAnswer; instances: QueryAnswer; clusterInfo: unknown };

/** The talking part, so tests and in-process callers can answer without a socket. */
export type LuxiCaller = { call<T = unknown>(method: "Query" | "QueryClusterInfo", ...args: unknown[]): Promise<T> };

/** `-L` alone means this installation's cluster (GANTRY_STATE_DIR), starting its master daemon if needed, as gnt-* do. */
export async function loadLuxiData(socket: string | true): Promise<ClusterData> {
  const client = await connectLuxi(socket);
  try {
    return parseLuxiData(await queryLuxi(client));
  } finally {
    client.close();
  }
}

/** A connection to the master daemon for htools (`-L`; also what hbal -X submits its jobs through). */
export async function connectLuxi(socket: string | true): Promise<LuxiClient> {
  if (socket === true) {
    try {
      return await connectMaster(defaultStateDir(process.env));
    } catch (err) {
      throw new HtoolsInputError((err as Error).message);
    }
  }
  try {
    return await LuxiClient.connect(socket);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "does not exist (No such file or directory)" : code === "ECONNREFUSED" ? "connection refused" : (err as Error).message;
    throw new HtoolsInputError(`Cannot connect to the master daemon at ${socket}: ${why}`);
  }
}

export async function queryLuxi(client: LuxiCaller): Promise<LuxiAnswers> {
  const call = async <T>(method: "Query" | "QueryClusterInfo", ...args: unknown[]): Promise<T> => {
    try {
      return await client.call<T>(method, ...args);
    } catch (err) {
      throw new HtoolsInputError((err as Error).message);
    }
  };
  // Ganeti's order: nodes, instances, cluster info, groups.
  const nodes = await call<QueryAnswer>("Query", "node", LUXI_NODE_FIELDS, null);
  const instances = await call<QueryAnswer>("Query", "instance", LUXI_INSTANCE_FIELDS, null);
  const clusterInfo = await call<unknown>("QueryClusterInfo");
  const groups = await call<QueryAnswer>("Query", "group", LUXI_GROUP_FIELDS, null);
  return { groups, nodes, instances, clusterInfo };
}

// ---- cells ---------------------------------------------------------------------------------------------------------

/** Ganeti's Query.Language.checkRS. */
const RS_MESSAGES: Record<number, string> = {
  1: "Unknown field",
  2: "No data for a field",
  3: "Ganeti reports unavailable data",
  4: "Ganeti reports resource as offline",
};

/** L.fromJValWithStatus: the value of a cell whose status is normal. */
function cellValue<T>(cell: Cell, read: Reader<T>): T {
  if (!Array.isArray(cell) || cell.length !== 2) throw new JsonReadError("Unable to read (status, value) pair");
  const [status, value] = cell;
  if (status !== 0) throw new JsonReadError(RS_MESSAGES[status as number] ?? `Invalid result status ${JSON.stringify(status)}`);
  return read(value);
}

/** Ganeti's genericConvert: the cell, annotated with the object and attribute. */
function converter(kind: string, name: string) {
  return <T>(attr: string, cell: Cell, read: Reader<T>): T => annotate(`${kind} '${name}', error while reading attribute '${attr}'`, () => cellValue(cell, read));
}

function rows(answer: QueryAnswer, width: number, what: string): Cell[][] {
  if (!isObject(answer) || !Array.isArray(answer.data)) throw new HtoolsInputError(`Invalid ${what} query result: ${JSON.stringify(answer)}`);
  return answer.data.map((row) => {
    if (!Array.isArray(row) || row.length !== width) throw new HtoolsInputError(`Invalid ${what} query result: ${JSON.stringify(row)}`);
    return row;
  });
}

/** Query answers → raw ClusterData. */
export function parseLuxiData(answers: LuxiAnswers): ClusterData {
  const groups = rows(answers.groups, LUXI_GROUP_FIELDS.length, "group").map(parseGroup);
  const nodes = rows(answers.nodes, LUXI_NODE_FIELDS.length, "node").map(parseNode);
  const instances = rows(answers.instances, LUXI_INSTANCE_FIELDS.length, "instance").map(parseInstance);
  return assembleClusterData({ groups, nodes, instances, cluster: parseClusterInfo(answers.clusterInfo) });
}

function parseGroup([uuid, name, apol, ipol, tags]: Cell[]): GroupRecord {
  const xname = annotate("Parsing new group", () => cellValue(name!, readString));
  const convert = converter("Group", xname);
  return {
    name: xname,
    uuid: convert("uuid", uuid!, readString),
    allocPolicy: convert("alloc_policy", apol!, readAllocPolicy),
    ipolicy: convert("ipolicy", ipol!, readIPolicy),
    tags: convert("tags", tags!, readStringList),
  };
}

function parseNode(row: Cell[]): NodeRecord {
  const [name, mtotal, mnode, mfree, dtotal, dfree, ctotal, cnos, offline, drained, vmCapable, spindles, groupUuid, tags, exclStor, sptotal, spfree, cpuSpeed] =
    row as [Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell];
  const xname = annotate("Parsing new node", () => cellValue(name, readString));
  const convert = converter("Node", xname);
  const xoffline = convert("offline", offline, readBool);
  const xdrained = convert("drained", drained, readBool);
  const xvmCapable = convert("vm_capable", vmCapable, readBool);
  const group = convert("group.uuid", groupUuid, readString);
  const xtags = convert("tags", tags, readStringList);
  const exclStorage = convert("exclusive_storage", exclStor, readBool);
  const xcpuSpeed = convert("cpu_speed", cpuSpeed, readDouble);
  // eitherLive: a node that is offline or cannot host instances is not asked for its live values.
  const live = !xoffline && xvmCapable;
  const lv = <T>(attr: string, cell: Cell, read: Reader<T>, def: T): T => (live ? convert(attr, cell, read) : def);
  const lvOrDefault = <T>(attr: string, cell: Cell, read: Reader<T>, def: T): T => {
    try {
      return lv(attr, cell, read, def);
    } catch (err) {
      if (err instanceof JsonReadError) return def; // missing when the node has no local storage
      throw err;
    }
  };
  return {
    name: xname,
    tSpindles: exclStorage ? lv("sptotal", sptotal, readInt, 0) : convert("spindles", spindles, readInt),
    fSpindles: lvOrDefault("spfree", spfree, readInt, 0),
    tMem: lv("mtotal", mtotal, readDouble, 0),
    nMem: lv("mnode", mnode, readInt, 0),
    fMem: lv("mfree", mfree, readInt, 0),
    tDsk: lvOrDefault("dtotal", dtotal, readDouble, 0),
    fDsk: lvOrDefault("dfree", dfree, readInt, 0),
    tCpu: lv("ctotal", ctotal, readDouble, 0),
    nCpu: lv("cnos", cnos, readInt, 0),
    offline: !live || xdrained,
    group,
    exclStorage,
    tags: xtags,
    cpuSpeed: xcpuSpeed,
  };
}

function parseInstance(row: Cell[]): InstanceRecord {
  const [name, disk, mem, vcpus, status, pnode, snodes, tags, oram, autoBalance, diskTemplate, su, dsizes, dspindles, forthcoming] =
    row as [Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell];
  const xname = annotate("Parsing new instance", () => cellValue(name, readString));
  const convert = converter("Instance", xname);
  const dsk = convert("disk_usage", disk, readInt);
  // The memory the hypervisor reports for a running instance, else the configured one.
  const xmem = typeof oram?.[1] === "number" ? convert("oper_ram", oram, readInt) : convert("be/memory", mem, readInt);
  const xvcpus = convert("be/vcpus", vcpus, readInt);
  const xpnode = convert("pnode", pnode, readString);
  const xsnodes = convert("snodes", snodes, readStringList);
  return {
    name: xname,
    dsk,
    mem: xmem,
    vcpus: xvcpus,
    pnode: xpnode,
    snode: xsnodes[0] ?? null,
    status: convert("status", status, readInstanceStatus),
    tags: convert("tags", tags, readStringList),
    autoBalance: convert("auto_balance", autoBalance, readBool),
    diskTemplate: convert("disk_template", diskTemplate, readDiskTemplate),
    spindleUse: convert("be/spindle_use", su, readInt),
    disks: zipDisks(convert("disk.sizes", dsizes, readList(readInt)), convert("disk.spindles", dspindles, readMaybeList(readInt))),
    forthcoming: convert("forthcoming", forthcoming, readBool),
  };
}

function parseClusterInfo(info: unknown): ClusterRecord {
  if (!isObject(info)) throw new HtoolsInputError("Cannot parse cluster info, not a JSON record");
  return annotate("Parsing cluster info", () => ({
    tags: fromObj(info, "tags", readStringList),
    ipolicy: fromObj(info, "ipolicy", readIPolicy),
    master: fromObj(info, "master", readString),
  }));
}
