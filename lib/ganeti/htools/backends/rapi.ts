// htools' RAPI backend (`-m CLUSTER`, Ganeti's Backend/Rapi.hs): reads /2/groups, /2/nodes and /2/instances with
// bulk=1 and /2/info from a Ganeti (or Gantry) RAPI server, or the same four JSON bodies from a directory given as
// `file://DIR`. Field use follows Ganeti exactly: offline, drained or not vm_capable nodes are offline to htools and
// their live values are not read; memory is oper_ram when the instance runs, else the configured memory.
import fs from "node:fs/promises";
import path from "node:path";
import type { ClusterData } from "../cluster-data";
import { HtoolsInputError } from "../types";
import type { ClusterRecord, GroupRecord, InstanceRecord, NodeRecord } from "./cluster-records";
import { assembleClusterData } from "./cluster-records";
import type { JsonObject, Reader } from "./ganeti-json";
import {
  annotate,
  decodeJson,
  fromObj,
  fromObjWithDefault,
  JsonReadError,
  loadJsonArray,
  maybeFromObj,
  readAllocPolicy,
  readBool,
  readDiskTemplate,
  readDouble,
  readInstanceStatus,
  readInt,
  readIPolicy,
  readList,
  readMaybeList,
  readObject,
  readString,
  readStringList,
  tryFromObj,
  zipDisks,
} from "./ganeti-json";
import { httpsGet } from "./rapi-http";

export const FILE_PREFIX = "file://";
export const DEFAULT_RAPI_PORT = 5080;
/** Ganeti's defaultGroupID: the group of nodes whose RAPI answer names none (pre-2.4 clusters). */
export const DEFAULT_GROUP_ID = "00000000-0000-0000-0000-000000000000";
const HYPERVISORS = ["xen-pvm", "xen-hvm", "kvm", "chroot", "lxc", "fake"];

/** The four RAPI bodies, each read or failed independently (Ganeti parses them in this order). */
export type RapiBodies = { groups: Body; nodes: Body; instances: Body; info: Body };
type Body = { ok: true; text: string } | { ok: false; error: string };

/** Ganeti's formatHost: a bare host name gets https and the default RAPI port; anything with a colon is a URL. */
export function formatHost(master: string): string {
  return master.includes(":") ? master : `https://${master}:${DEFAULT_RAPI_PORT}`;
}

/** Loads a cluster (raw; run finalizeCluster on it) from a RAPI URL or a `file://` directory. */
export async function loadRapiData(source: string): Promise<ClusterData> {
  const bodies = source.startsWith(FILE_PREFIX) ? await readRapiDirectory(source.slice(FILE_PREFIX.length)) : await readRapiHttp(source);
  return parseRapiData(bodies);
}

export async function readRapiDirectory(dir: string): Promise<RapiBodies> {
  const read = async (file: string): Promise<Body> => {
    const full = path.join(dir, file);
    try {
      return { ok: true, text: await fs.readFile(full, "utf8") };
    } catch (err) {
      return { ok: false, error: ioErrorMessage(full, err) };
    }
  };
  const [groups, nodes, instances, info] = await Promise.all(["groups.json", "nodes.json", "instances.json", "info.json"].map(read));
  return { groups: groups!, nodes: nodes!, instances: instances!, info: info! };
}

export async function readRapiHttp(master: string): Promise<RapiBodies> {
  const base = formatHost(master).replace(/\/+$/, "");
  const get = async (resource: string): Promise<Body> => {
    const url = `${base}${resource}`;
    try {
      return { ok: true, text: await httpsGet(url) };
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
  };
  const [groups, nodes, instances, info] = await Promise.all([get("/2/groups?bulk=1"), get("/2/nodes?bulk=1"), get("/2/instances?bulk=1"), get("/2/info")]);
  return { groups: groups!, nodes: nodes!, instances: instances!, info: info! };
}

/** Haskell's IOException text, as Ganeti's htools print a file they cannot read. */
export function ioErrorMessage(file: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const what: Record<string, string> = {
    ENOENT: "does not exist (No such file or directory)",
    EACCES: "permission denied (Permission denied)",
    EISDIR: "inappropriate type (is a directory)",
    ENOTDIR: "does not exist (Not a directory)",
  };
  return `${file}: openFile: ${(code && what[code]) ?? (err as Error).message}`;
}

const body = (b: Body): string => {
  if (!b.ok) throw new HtoolsInputError(b.error);
  return b.text;
};

/** The four bodies → raw ClusterData, with Ganeti's messages for what does not parse. */
export function parseRapiData(bodies: RapiBodies): ClusterData {
  const groups = loadJsonArray("Parsing group data", body(bodies.groups)).map(parseGroup);
  const nodes = loadJsonArray("Parsing node data", body(bodies.nodes)).map(parseNode);
  const instances = loadJsonArray("Parsing instance data", body(bodies.instances)).map(parseInstance);
  const info = annotate("Parsing cluster info", () => readObject(decodeJson("Parsing cluster info", body(bodies.info))));
  return assembleClusterData({ groups, nodes, instances, cluster: parseCluster(info) });
}

function parseGroup(a: JsonObject): GroupRecord {
  const name = tryFromObj("Parsing new group", a, "name", readString);
  const extract = <T>(key: string, read: Reader<T>) => tryFromObj(`Group '${name}'`, a, key, read);
  return {
    name,
    uuid: extract("uuid", readString),
    allocPolicy: extract("alloc_policy", readAllocPolicy),
    ipolicy: extract("ipolicy", readIPolicy),
    tags: extract("tags", readStringList),
  };
}

function parseNode(a: JsonObject): NodeRecord {
  const name = tryFromObj("Parsing new node", a, "name", readString);
  const desc = `Node '${name}', error while parsing data`;
  return annotate(desc, () => {
    const offline = fromObj(a, "offline", readBool);
    const drained = fromObj(a, "drained", readBool);
    const vmCapable = maybeFromObj(a, "vm_capable", readBool) ?? true;
    const ndparams = fromObj(a, "ndparams", readObject);
    const exclStorage = fromObj(ndparams, "exclusive_storage", readBool);
    const group = maybeFromObj(a, "group.uuid", readString) ?? DEFAULT_GROUP_ID;
    // Ganeti's eitherLive: values of a node that is not live are not read at all.
    const live = !offline && vmCapable;
    const lv = <T>(key: string, read: Reader<T>, def: T) => (live ? fromObj(a, key, read) : def);
    const lvDef = <T>(key: string, read: Reader<T>, def: T) => (live ? fromObjWithDefault(a, key, read, def) : def);
    const tSpindles = exclStorage ? lv("sptotal", readInt, 0) : fromObj(ndparams, "spindle_count", readInt);
    return {
      name,
      tSpindles,
      fSpindles: lvDef("spfree", readInt, 0),
      tMem: lv("mtotal", readDouble, 0),
      nMem: lv("mnode", readInt, 0),
      fMem: lv("mfree", readInt, 0),
      tDsk: lvDef("dtotal", readDouble, 0),
      fDsk: lvDef("dfree", readInt, 0),
      tCpu: lv("ctotal", readDouble, 0),
      nCpu: lv("cnos", readInt, 0),
      tags: fromObj(a, "tags", readStringList),
      offline: !live || drained,
      group,
      exclStorage,
    };
  });
}

function parseInstance(a: JsonObject): InstanceRecord {
  const name = tryFromObj("Parsing new instance", a, "name", readString);
  return annotate(`Instance '${name}', error while parsing data`, () => {
    const dsk = fromObj(a, "disk_usage", readInt);
    const sizes = fromObj(a, "disk.sizes", readList(readInt));
    const spindles = fromObj(a, "disk.spindles", readMaybeList(readInt));
    const beparams = fromObj(a, "beparams", readObject);
    const operRam = fromObj(a, "oper_ram", (v) => v);
    // A running instance reports the memory it has; otherwise the configured memory ("memory" before Ganeti 2.6).
    const mem = typeof operRam === "number" ? readInt(operRam) : configuredMemory(beparams);
    const vcpus = fromObj(beparams, "vcpus", readInt);
    const pnode = fromObj(a, "pnode", readString);
    const snodes = fromObj(a, "snodes", readList((v) => v));
    const snode = snodes.length === 0 ? null : readString(snodes[0]);
    const status = fromObj(a, "status", readInstanceStatus);
    const tags = fromObj(a, "tags", readStringList);
    const autoBalance = fromObj(beparams, "auto_balance", readBool);
    const diskTemplate = fromObj(a, "disk_template", readDiskTemplate);
    const spindleUse = fromObj(beparams, "spindle_use", readInt);
    let forthcoming = false;
    try {
      forthcoming = fromObj(a, "forthcoming", readBool);
    } catch {
      // Not forthcoming unless it says so (older servers do not report it).
    }
    return { name, dsk, disks: zipDisks(sizes, spindles), mem, vcpus, pnode, snode, status, tags, autoBalance, diskTemplate, spindleUse, forthcoming };
  });
}

function configuredMemory(beparams: JsonObject): number {
  try {
    return fromObj(beparams, "memory", readInt);
  } catch (err) {
    if (!(err instanceof JsonReadError)) throw err;
    return fromObj(beparams, "maxmem", readInt);
  }
}

function parseCluster(info: JsonObject): ClusterRecord {
  const extract = <T>(key: string, read: Reader<T>) => tryFromObj("Parsing cluster data", info, key, read);
  const master = extract("master", readString);
  const tags = extract("tags", readStringList);
  const ipolicy = extract("ipolicy", readIPolicy);
  extract("default_hypervisor", (v) => {
    const hv = readString(v);
    if (!HYPERVISORS.includes(hv)) throw new JsonReadError(`Invalid string value for type Hypervisor: ${JSON.stringify(hv)}`);
    return hv;
  });
  return { master, tags, ipolicy };
}
