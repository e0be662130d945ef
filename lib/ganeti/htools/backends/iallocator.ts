// The iallocator request (Ganeti's Backend/IAlloc.hs parseData): the cluster Ganeti sends (node groups, nodes,
// instances, cluster tags) and the request itself, with Ganeti's error messages for malformed input. The result
// is the finalized cluster and a typed request; iallocator-response.ts runs it and formats the answer.
import type { ClusterData, Group } from "../cluster-data";
import { createGroup } from "../cluster-data";
import type { Instance, Nic } from "../instance";
import { createInstance, NO_SECONDARY, setBoth } from "../instance";
import { finalizeCluster } from "../loader";
import type { Node } from "../node";
import { createNode } from "../node";
import { extractDesiredLocations, extractExclusionTags } from "../tags";
import type { InstanceStatus } from "../types";
import { defaultIPolicy, HtoolsInputError } from "../types";
import type { EvacMode } from "../allocation/types";
import type { JsonObject, Reader } from "./ganeti-json";
import {
  annotate,
  fromObj,
  fromObjWithDefault,
  isObject,
  JsonReadError,
  maybeFromObj,
  readAllocPolicy,
  readBool,
  readDiskTemplate,
  readDouble,
  readInt,
  readIPolicy,
  readList,
  readObject,
  readString,
  readStringList,
  tryFromObj,
} from "./ganeti-json";

export type AllocateRequest = { inst: Instance; count: number; group: string | null };

export type IAllocRequest =
  | ({ type: "allocate"; restrictToNodes: string[] | null } & AllocateRequest)
  | { type: "relocate"; idx: number; count: number; exclude: number[] }
  | { type: "change-group"; idxs: number[]; groups: number[] }
  | { type: "node-evacuate"; idxs: number[]; mode: EvacMode }
  | { type: "multi-allocate"; requests: AllocateRequest[] }
  | { type: "allocate-secondary"; idx: number };

export type IAllocInput = { request: IAllocRequest; data: ClusterData; warnings: string[] };

export type IAllocParseOptions = {
  /** `--static-kvm-node-memory`: on KVM clusters the node's own memory is taken as this (0: as reported). Default 4096. */
  staticKvmNodeMemory?: number;
};

export const DEFAULT_STATIC_KVM_NODE_MEMORY = 4096;

const EVAC_MODES: readonly EvacMode[] = ["primary-only", "secondary-only", "all"];

const readEvacMode: Reader<EvacMode> = (v) => {
  const s = readString(v);
  if (!(EVAC_MODES as readonly string[]).includes(s)) throw new JsonReadError(`Invalid string value for type EvacMode: ${JSON.stringify(s)}`);
  return s as EvacMode;
};

/** asJSObject: "not an object". */
const asObject: Reader<JsonObject> = (v) => {
  if (!isObject(v)) throw new JsonReadError("not an object");
  return v;
};

/** toArray: "Invalid input, expected array but got …". */
function toArray(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new JsonReadError(`Invalid input, expected array but got ${JSON.stringify(v)}`);
  return v;
}

/** Decode the message as Text.JSON's decodeStrict does: an object or array at the top. */
function decode(text: string): unknown {
  const owner = "Parsing input IAllocator message";
  const first = text.trimStart()[0];
  if (first !== "{" && first !== "[") {
    throw new JsonReadError(`${owner}: Invalid JSON: a JSON text a serialized object or array at the top level.`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new JsonReadError(`${owner}: Malformed JSON: ${(err as Error).message}`);
  }
}

const ADMIN_STATES: Record<string, InstanceStatus> = { up: "running", down: "ADMIN_down", offline: "ADMIN_offline" };

function parseNic(owner: string, a: JsonObject): Nic {
  const mode = maybeFromObj(a, "mode", readString);
  if (mode !== null && !["bridged", "routed", "openvswitch", "ext"].includes(mode)) throw new JsonReadError(`invalid NIC mode in instance ${owner}`);
  return {
    mac: maybeFromObj(a, "mac", readString),
    ip: maybeFromObj(a, "ip", readString),
    mode: mode === "ext" ? null : mode,
    link: maybeFromObj(a, "link", readString),
    bridge: maybeFromObj(a, "bridge", readString),
    network: maybeFromObj(a, "network", readString),
  };
}

/** parseBaseInstance: the fields an existing instance and an allocation request share. */
function parseBaseInstance(name: string, a: JsonObject): Instance {
  const owner = `invalid data for instance '${name}'`;
  const extract = <T>(key: string, read: Reader<T>) => tryFromObj(owner, a, key, read);
  const dsk = extract("disk_space_total", readInt);
  const jsdisks = toArray(extract("disks", (v) => v)).map(asObject);
  const sizes = jsdisks.map((d) => tryFromObj(owner, d, "size", readInt));
  const spindles = jsdisks.map((d) => annotate(owner, () => maybeFromObj(d, "spindles", readInt)));
  const mem = extract("memory", readInt);
  const vcpus = extract("vcpus", readInt);
  const tags = extract("tags", readStringList);
  const diskTemplate = extract("disk_template", readDiskTemplate);
  const spindleUse = extract("spindle_use", readInt);
  const nics = toArray(extract("nics", (v) => v))
    .map(asObject)
    .map((n) => parseNic(name, n));
  let runSt: InstanceStatus = "running";
  try {
    runSt = ADMIN_STATES[extract("admin_state", readString)] ?? "running";
  } catch {
    // Ganeti falls back to "up" on a missing or unreadable admin state.
  }
  let forthcoming = false;
  try {
    forthcoming = extract("forthcoming", readBool);
  } catch {
    // `orElse` False
  }
  const inst = createInstance({
    name,
    mem,
    dsk,
    disks: sizes.map((size, k) => ({ size, spindles: spindles[k]! })),
    vcpus,
    runSt,
    tags,
    autoBalance: true,
    pNode: 0,
    sNode: 0,
    diskTemplate,
    spindleUse,
    nics,
    forthcoming,
  });
  return inst;
}

function parseGroup(uuid: string, a: JsonObject): Omit<Group, "idx"> {
  const owner = `invalid data for group '${uuid}'`;
  const name = tryFromObj(owner, a, "name", readString);
  const allocPolicy = tryFromObj(owner, a, "alloc_policy", readAllocPolicy);
  const networks = tryFromObj(owner, a, "networks", readStringList);
  const ipolicy = tryFromObj(owner, a, "ipolicy", readIPolicy);
  const tags = tryFromObj(owner, a, "tags", readStringList);
  return createGroup({ name, uuid, allocPolicy, networks, ipolicy, tags });
}

function parseNode(groupIdx: ReadonlyMap<string, number>, name: string, a: JsonObject): Node {
  const owner = `invalid data for node '${name}'`;
  const extract = <T>(key: string, read: Reader<T>) => tryFromObj(owner, a, key, read);
  const offline = extract("offline", readBool);
  const drained = extract("drained", readBool);
  const guuid = extract("group", readString);
  const vmCapable = annotate(owner, () => maybeFromObj(a, "vm_capable", readBool)) ?? true;
  const group = groupIdx.get(guuid);
  if (group === undefined) throw new JsonReadError(`Unknown group '${guuid}' for node ${name}`);
  const ndparams = extract("ndparams", asObject);
  const tags = fromObjWithDefault(a, "tags", readStringList, []);
  const exclStorage = tryFromObj(owner, ndparams, "exclusive_storage", readBool);
  const live = !offline && vmCapable;
  const liveValue = <T>(key: string, read: Reader<T>, def: T): T => (live ? extract(key, read) : def);
  const tSpindles = exclStorage ? liveValue("total_spindles", readInt, 0) : tryFromObj(owner, ndparams, "spindle_count", readInt);
  const fSpindles = liveValue("free_spindles", readInt, 0);
  const tMem = liveValue("total_memory", readDouble, 0);
  const nMem = liveValue("reserved_memory", readInt, 0);
  const fMem = liveValue("free_memory", readInt, 0);
  const tDsk = liveValue("total_disk", readDouble, 0);
  const fDsk = liveValue("free_disk", readInt, 0);
  const tCpu = liveValue("total_cpus", readDouble, 0);
  const nCpu = liveValue("reserved_cpus", readInt, 0);
  const node = createNode({ name, tMem, nMem, fMem, tDsk, fDsk, tCpu, nCpu, offline: !live || drained, tSpindles, fSpindles, group, exclStorage });
  return { ...node, nTags: tags };
}

function parseInstance(nodeIdx: ReadonlyMap<string, number>, name: string, a: JsonObject): Instance {
  const base = parseBaseInstance(name, a);
  const nodes = fromObj(a, "nodes", readList((v) => v));
  if (nodes.length === 0) throw new JsonReadError(`empty node list for instance ${name}`);
  const lookup = (v: unknown) => {
    if (typeof v !== "string") throw new JsonReadError("Wrong JSON type");
    const idx = nodeIdx.get(v);
    if (idx === undefined) throw new JsonReadError(`Unknown node '${v}' for instance ${name}`);
    return idx;
  };
  const pdx = lookup(nodes[0]);
  const sdx = nodes.length > 1 ? lookup(nodes[1]) : NO_SECONDARY;
  return setBoth(base, pdx, sdx);
}

type RawCluster = { raw: ClusterData; nodeIdx: Map<string, number>; instIdx: Map<string, number>; obj: JsonObject; request: JsonObject };

function parseCluster(text: string, options: IAllocParseOptions): RawCluster {
  const decoded = decode(text);
  const obj = annotate("Parsing input IAllocator message", () => readObject(decoded));
  const extrObj = <T>(key: string, read: Reader<T>) => tryFromObj("invalid iallocator message", obj, key, read);
  const request = extrObj("request", readObject);
  const groups: Group[] = Object.entries(extrObj("nodegroups", readObject)).map(([uuid, v], idx) => ({ ...parseGroup(uuid, asObject(v)), idx }));
  const groupIdx = new Map(groups.map((g) => [g.uuid, g.idx]));
  let nodes: Node[] = Object.entries(extrObj("nodes", readObject)).map(([name, v], idx) => ({ ...parseNode(groupIdx, name, asObject(v)), idx }));
  const nodeIdx = new Map(nodes.map((n) => [n.name, n.idx]));
  const instances = Object.entries(extrObj("instances", readObject)).map(([name, v], idx) => ({ ...parseInstance(nodeIdx, name, asObject(v)), idx }));
  const instIdx = new Map(instances.map((i) => [i.name, i.idx]));
  const clusterTags = extrObj("cluster_tags", readStringList);
  const hypervisors = extrObj("enabled_hypervisors", readStringList);
  // Ganeti 3.0 takes a KVM node's own memory as a static value instead of what the hypervisor reports.
  const staticMem = options.staticKvmNodeMemory ?? DEFAULT_STATIC_KVM_NODE_MEMORY;
  if (hypervisors[0] === "kvm" && staticMem > 0) nodes = nodes.map((n) => ({ ...n, nMem: staticMem }));
  return { raw: { groups, nodes, instances, clusterTags, ipolicy: defaultIPolicy }, nodeIdx, instIdx, obj, request };
}

/** The cluster of an iallocator message, before the common loading steps (for `-I` in hbal and hspace). */
export function readIAllocatorCluster(text: string, options: IAllocParseOptions = {}): ClusterData {
  return parseCluster(text, options).raw;
}

/** Container.findByName: exactly one element whose name (or alias) matches. */
function findByName<T extends { name: string; alias?: string; uuid?: string }>(list: readonly T[], name: string): T {
  const found = list.filter((x) => x.name === name || x.alias === name || x.uuid === name);
  if (found.length !== 1) throw new JsonReadError(`Wrong number of elems found with name ${name}`);
  return found[0]!;
}

/** Parses an iallocator message; throws HtoolsInputError with Ganeti's message on malformed input. */
export function parseIAllocatorMessage(text: string, options: IAllocParseOptions = {}): IAllocInput {
  const { raw, instIdx, request } = parseCluster(text, options);
  const { data, warnings } = finalizeCluster(raw);
  const exTags = extractExclusionTags(data.clusterTags);
  const locTags = extractDesiredLocations(data.clusterTags);
  const updateTags = (i: Instance): Instance => ({
    ...i,
    exclTags: i.allTags.filter((t) => exTags.some((p) => t.startsWith(p))),
    dsrdLocTags: new Set(i.allTags.filter((t) => locTags.some((p) => t.startsWith(p)))),
  });
  const extrReq = <T>(key: string, read: Reader<T>, from: JsonObject = request) => tryFromObj("invalid request dict", from, key, read);
  const lookupInstance = (name: string) => {
    const idx = instIdx.get(name);
    if (idx === undefined) throw new JsonReadError(`Unknown instance '${name}'`);
    return idx;
  };
  const type = extrReq("type", readString);
  let rq: IAllocRequest;
  switch (type) {
    case "allocate": {
      const name = extrReq("name", readString);
      const group = maybeFromObj(request, "group_name", readString);
      const restrictToNodes = maybeFromObj(request, "restrict-to-nodes", readStringList);
      const count = extrReq("required_nodes", readInt);
      rq = { type, inst: updateTags(parseBaseInstance(name, request)), count, group, restrictToNodes };
      break;
    }
    case "relocate": {
      const idx = lookupInstance(extrReq("name", readString));
      const count = extrReq("required_nodes", readInt);
      const exclude = extrReq("relocate_from", readStringList).map((n) => findByName(data.nodes, n).idx);
      rq = { type, idx, count, exclude };
      break;
    }
    case "change-group": {
      const idxs = extrReq("instances", readStringList).map((n) => findByName(data.instances, n).idx);
      const groups = extrReq("target_groups", readStringList).map((n) => findByName(data.groups, n).idx);
      rq = { type, idxs, groups };
      break;
    }
    case "node-evacuate": {
      const idxs = extrReq("instances", readStringList).map((n) => findByName(data.instances, n).idx);
      rq = { type, idxs, mode: extrReq("evac_mode", readEvacMode) };
      break;
    }
    case "multi-allocate": {
      const requests = extrReq("instances", readList(readObject)).map((r) => {
        const name = extrReq("name", readString, r);
        // Ganeti reads the group from the outer request, not from each instance.
        const group = maybeFromObj(request, "group_name", readString);
        const count = extrReq("required_nodes", readInt, r);
        return { inst: updateTags(parseBaseInstance(name, r)), count, group };
      });
      rq = { type, requests };
      break;
    }
    case "allocate-secondary":
      rq = { type, idx: lookupInstance(extrReq("name", readString)) };
      break;
    default:
      throw new JsonReadError(`Invalid request type '${type}'`);
  }
  return { request: rq, data, warnings };
}

/** The same, reporting errors as `HtoolsInputError` (JsonReadError already is one). */
export function readIAllocatorRequest(text: string, options: IAllocParseOptions = {}): IAllocInput {
  try {
    return parseIAllocatorMessage(text, options);
  } catch (err) {
    if (err instanceof HtoolsInputError) throw err;
    throw new HtoolsInputError(String((err as Error).message));
  }
}
