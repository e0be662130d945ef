// What hail prints besides its answer: the node table of `-p` (Ganeti's printNodes / printTable) and, with
// `-v`, Haskell-style dumps of the request and the cluster (Ganeti prints `show` of its records there).
import { showDouble } from "../backends/haskell-format";
import type { IAllocRequest } from "../backends/iallocator";
import type { ClusterData } from "../cluster-data";
import type { Instance } from "../instance";
import type { Node } from "../node";
import { NODE_DEFAULT_FIELDS, showNodeField, showNodeHeader } from "../node-fields";
import type { InstanceStatus } from "../types";
import { showGroup, showString } from "../allocation/haskell-show";

const UNKNOWN_FIELD = "<unknown field>";

/** Ganeti's printTable: columns padded (numbers right-aligned), each line prefixed by a space. */
export function printTable(header: string[], rows: string[][], numeric: boolean[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)));
  return all
    .map((r) => ` ${r.map((v, c) => (numeric[c] ? v.padStart(widths[c]!) : v.padEnd(widths[c]!))).join(" ")}`)
    .map((line) => `${line}\n`)
    .join("");
}

/** The `-p` fields: none given means the defaults, a leading "+" adds to them. */
export function nodeFields(fields: string[]): string[] {
  if (fields.length === 0) return [...NODE_DEFAULT_FIELDS];
  if (fields[0] === "+") return [...NODE_DEFAULT_FIELDS, ...fields.slice(1)];
  return fields;
}

/** Ganeti's Cluster.printNodes. */
export function printNodes(nodes: readonly Node[], fields: string[]): string {
  const fs = nodeFields(fields);
  const headers = fs.map((f) => showNodeHeader(f) ?? { header: UNKNOWN_FIELD, numeric: false });
  const rows = [...nodes].sort((a, b) => a.idx - b.idx).map((n) => fs.map((f) => showNodeField(n, f) ?? UNKNOWN_FIELD));
  return printTable(
    headers.map((h) => h.header),
    rows,
    headers.map((h) => h.numeric),
  );
}

const RUN_STATUS: Record<InstanceStatus, string> = {
  running: "Running",
  ADMIN_down: "StatusDown",
  ADMIN_offline: "StatusOffline",
  ERROR_up: "ErrorUp",
  ERROR_down: "ErrorDown",
  ERROR_nodedown: "NodeDown",
  ERROR_nodeoffline: "NodeOffline",
  ERROR_wrongnode: "WrongNode",
  USER_down: "UserDown",
};

const TEMPLATE: Record<string, string> = {
  diskless: "DTDiskless", file: "DTFile", sharedfile: "DTSharedFile", plain: "DTPlain", blockdev: "DTBlock",
  drbd: "DTDrbd8", rbd: "DTRbd", ext: "DTExt", gluster: "DTGluster",
};

const showBool = (b: boolean) => (b ? "True" : "False");
const showStrings = (xs: Iterable<string>) => `[${[...xs].map(showString).join(",")}]`;
const showInt = (x: number) => (x < 0 ? `(${x})` : String(x));
const showMaybe = (x: number | null) => (x === null ? "Nothing" : `Just ${showInt(x)}`);

/** `show` of an htools Instance (the fields hail users look for: runSt, nodes, template, sizes). */
export function showInstance(i: Instance): string {
  const disks = i.disks.map((d) => `Disk {dskSize = ${d.size}, dskSpindles = ${showMaybe(d.spindles)}}`).join(",");
  return (
    `Instance {name = ${showString(i.name)}, alias = ${showString(i.alias)}, mem = ${i.mem}, dsk = ${i.dsk}, disks = [${disks}], ` +
    `vcpus = ${i.vcpus}, runSt = ${RUN_STATUS[i.runSt]}, pNode = ${i.pNode}, sNode = ${i.sNode}, idx = ${i.idx}, ` +
    `util = DynUtil {cpuWeight = ${showDouble(i.util.cpu)}, memWeight = ${showDouble(i.util.mem)}, dskWeight = ${showDouble(i.util.dsk)}, netWeight = ${showDouble(i.util.net)}}, ` +
    `movable = ${showBool(i.movable)}, autoBalance = ${showBool(i.autoBalance)}, diskTemplate = ${TEMPLATE[i.diskTemplate]}, ` +
    `spindleUse = ${i.spindleUse}, allTags = ${showStrings(i.allTags)}, exclTags = ${showStrings(i.exclTags)}, ` +
    `dsrdLocTags = fromList ${showStrings([...i.dsrdLocTags].sort())}, locationScore = ${i.locationScore}, arPolicy = ArNotEnabled, ` +
    `nics = [${i.nics.map((n) => `Nic {mac = ${n.mac ? `Just ${showString(n.mac)}` : "Nothing"}, network = ${n.network ? `Just ${showString(n.network)}` : "Nothing"}}`).join(",")}], ` +
    `forthcoming = ${showBool(i.forthcoming)}}`
  );
}

function showNode(n: Node): string {
  return (
    `Node {name = ${showString(n.name)}, alias = ${showString(n.alias)}, tMem = ${showDouble(n.tMem)}, nMem = ${n.nMem}, iMem = ${n.iMem}, ` +
    `fMem = ${n.fMem}, xMem = ${n.xMem}, tDsk = ${showDouble(n.tDsk)}, fDsk = ${n.fDsk}, tCpu = ${showDouble(n.tCpu)}, nCpu = ${n.nCpu}, ` +
    `uCpu = ${n.uCpu}, tSpindles = ${n.tSpindles}, fSpindles = ${n.fSpindles}, pList = [${n.pList.join(",")}], sList = [${n.sList.join(",")}], ` +
    `idx = ${n.idx}, peers = [${[...n.peers].map(([k, v]) => `(${k},${v})`).join(",")}], failN1 = ${showBool(n.failN1)}, rMem = ${n.rMem}, ` +
    `pMem = ${showDouble(n.pMem)}, pDsk = ${showDouble(n.pDsk)}, pRem = ${showDouble(n.pRem)}, pCpu = ${showDouble(n.pCpu)}, ` +
    `offline = ${showBool(n.offline)}, group = ${n.group}, exclStorage = ${showBool(n.exclStorage)}}`
  );
}

const fromList = <T>(xs: readonly T[], show: (x: T) => string, key: (x: T) => number) =>
  `fromList [${xs.map((x) => `(${key(x)},${show(x)})`).join(",")}]`;

export function showClusterData(d: ClusterData): string {
  return (
    `ClusterData {cdGroups = ${fromList(d.groups, showGroup, (g) => g.idx)}, cdNodes = ${fromList(d.nodes, showNode, (n) => n.idx)}, ` +
    `cdInstances = ${fromList(d.instances, showInstance, (i) => i.idx)}, cdTags = ${showStrings(d.clusterTags)}}`
  );
}

const EVAC: Record<string, string> = { "primary-only": "ChangePrimary", "secondary-only": "ChangeSecondary", all: "ChangeAll" };
const showList = (xs: readonly number[]) => `[${xs.join(",")}]`;
const details = (count: number, group: string | null) => `(AllocDetails ${count} ${group === null ? "Nothing" : `(Just ${showString(group)})`})`;

/** `show` of the request (Loader.RqType). */
export function showRequest(rq: IAllocRequest): string {
  switch (rq.type) {
    case "allocate":
      return `Allocate ${showInstance(rq.inst)} ${details(rq.count, rq.group)} ${rq.restrictToNodes === null ? "Nothing" : `(Just ${showStrings(rq.restrictToNodes)})`}`;
    case "relocate":
      return `Relocate ${rq.idx} ${rq.count} ${showList(rq.exclude)}`;
    case "change-group":
      return `ChangeGroup ${showList(rq.idxs)} ${showList(rq.groups)}`;
    case "node-evacuate":
      return `NodeEvacuate ${showList(rq.idxs)} ${EVAC[rq.mode]}`;
    case "multi-allocate":
      return `MultiAllocate [${rq.requests.map((r) => `(${showInstance(r.inst)},${details(r.count, r.group).slice(1, -1)})`).join(",")}]`;
    case "allocate-secondary":
      return `AllocateSecondary ${rq.idx}`;
  }
}
