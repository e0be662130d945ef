// A node as htools sees it (Ganeti 3.0.2's HTools/Node.hs): resources, the instances on it, the memory reserved for
// failing over its DRBD peers (r_mem) and the checks for adding an instance. Plain objects; every update returns a
// copy, so a placement can be tried and thrown away. The `*Forth` fields also count forthcoming instances.
// Memory follows Ganeti's state-of-record model: f_mem is what the node reported, i_mem what its instances are
// recorded to use, and placements change i_mem; "unallocated" memory (t_mem − n_mem − i_mem − max(0, x_mem)) is
// what the checks and the score use.
import type { Instance } from "./instance";
import { notOffline, totalSpindles, usesLocalStorage, usesMemory, usesSecMem } from "./instance";
import type { DynUtil, IPolicy, OpResult } from "./types";
import { addUtil, bad, baseUtil, defaultIPolicy, defaultReservedDiskRatio, ok, zeroUtil } from "./types";
import { addTags, countMax, countRepeats, countTotal } from "./count-maps";

export type Node = {
  name: string;
  alias: string;
  tMem: number;
  nMem: number;
  /** Memory recorded for primary instances that use memory (state of record; set by the loader). */
  iMem: number;
  /** Free memory as reported by the node (state of world). */
  fMem: number;
  fMemForth: number;
  xMem: number;
  tDsk: number;
  fDsk: number;
  fDskForth: number;
  tCpu: number;
  tCpuSpeed: number;
  nCpu: number;
  uCpu: number;
  uCpuForth: number;
  tSpindles: number;
  fSpindles: number;
  fSpindlesForth: number;
  pList: number[];
  pListForth: number[];
  sList: number[];
  sListForth: number[];
  idx: number;
  /** Memory to keep free for each peer (primary node index → MiB of its instances secondaried here). */
  peers: Map<number, number>;
  failN1: boolean;
  rMem: number;
  pMem: number;
  pMemForth: number;
  pDsk: number;
  pDskForth: number;
  pRem: number;
  pCpu: number;
  pCpuForth: number;
  mDsk: number;
  loDsk: number;
  hiCpu: number;
  hiSpindles: number;
  instSpindles: number;
  instSpindlesForth: number;
  offline: boolean;
  isMaster: boolean;
  nTags: string[];
  utilPool: DynUtil;
  utilLoad: DynUtil;
  utilLoadForth: DynUtil;
  /** Exclusion tags of primary instances and their counts. */
  pTags: Map<string, number>;
  group: number;
  iPolicy: IPolicy;
  exclStorage: boolean;
  migTags: Set<string>;
  rmigTags: Set<string>;
  locationTags: Set<string>;
  locationScore: number;
  /** Primary instances per (location tag, exclusion tag) pair; key `loc\u0000excl`. */
  instanceMap: Map<string, number>;
};

export type NewNode = {
  name: string;
  tMem: number;
  nMem: number;
  fMem: number;
  tDsk: number;
  fDsk: number;
  tCpu: number;
  nCpu?: number;
  offline?: boolean;
  tSpindles?: number;
  fSpindles?: number;
  group: number;
  exclStorage?: boolean;
};

const computePDsk = (free: number, total: number): number => (total === 0 ? 1 : free / total);
const mDskToLoDsk = (ratio: number, tDsk: number): number => Math.floor(ratio * tDsk);
const mCpuToHiCpu = (ratio: number, tCpu: number): number => Math.floor(ratio * tCpu);

export function createNode(init: NewNode): Node {
  const nCpu = init.nCpu ?? 1;
  const tSpindles = init.tSpindles ?? 1;
  const fSpindles = init.fSpindles ?? 0;
  const exclStorage = init.exclStorage ?? false;
  const pDsk = exclStorage ? computePDsk(fSpindles, tSpindles) : computePDsk(init.fDsk, init.tDsk);
  return {
    name: init.name,
    alias: init.name,
    tMem: init.tMem,
    nMem: init.nMem,
    iMem: 0, // set after the instances are loaded
    fMem: init.fMem,
    fMemForth: init.fMem,
    xMem: 0,
    tDsk: init.tDsk,
    fDsk: init.fDsk,
    fDskForth: init.fDsk,
    tCpu: init.tCpu,
    tCpuSpeed: 1,
    nCpu,
    uCpu: nCpu,
    uCpuForth: nCpu,
    tSpindles,
    fSpindles,
    fSpindlesForth: fSpindles,
    pList: [],
    pListForth: [],
    sList: [],
    sListForth: [],
    idx: -1,
    peers: new Map(),
    failN1: true,
    rMem: 0,
    pMem: 0, // set after the instances are loaded
    pMemForth: init.fMem / init.tMem,
    pDsk,
    pDskForth: pDsk,
    pRem: 0,
    pCpu: nCpu / init.tCpu,
    pCpuForth: nCpu / init.tCpu,
    mDsk: defaultReservedDiskRatio,
    loDsk: mDskToLoDsk(defaultReservedDiskRatio, init.tDsk),
    hiCpu: mCpuToHiCpu(defaultIPolicy.vcpuRatio, init.tCpu),
    hiSpindles: defaultIPolicy.spindleRatio * tSpindles,
    instSpindles: 0,
    instSpindlesForth: 0,
    offline: init.offline ?? false,
    isMaster: false,
    nTags: [],
    utilPool: baseUtil,
    utilLoad: zeroUtil,
    utilLoadForth: zeroUtil,
    pTags: new Map(),
    group: init.group,
    iPolicy: defaultIPolicy,
    exclStorage,
    migTags: new Set(),
    rmigTags: new Set(),
    locationTags: new Set(),
    locationScore: 0,
    instanceMap: new Map(),
  };
}

// ---- setters used while loading -------------------------------------------------------------------------------

export const setMdsk = (n: Node, ratio: number): Node => ({ ...n, mDsk: ratio, loDsk: mDskToLoDsk(ratio, n.tDsk) });

/** Overrides the vcpu ratio (`--max-cpu`); this replaces the node's policy copy. */
export const setMcpu = (n: Node, ratio: number): Node => ({ ...n, hiCpu: mCpuToHiCpu(ratio, n.tCpu), iPolicy: { ...n.iPolicy, vcpuRatio: ratio } });

export const setPolicy = (n: Node, pol: IPolicy): Node => ({
  ...n,
  iPolicy: pol,
  hiCpu: mCpuToHiCpu(pol.vcpuRatio, n.tCpu),
  hiSpindles: pol.spindleRatio * n.tSpindles,
});

// ---- helpers shared with node-placement.ts ----------------------------------------------------------------------

export const rejectAddTags = (map: Map<string, number>, tags: string[]): boolean => tags.some((t) => map.has(t));

/** Σ(count − 1) over the exclusion tags of primary instances. */
export const conflictingPrimaries = (n: Node): number => countRepeats(n.pTags);

export const maxPeer = countMax<number>;

export const sumPeers = countTotal<number>;

export function removeFirst(list: number[], value: number): number[] {
  const k = list.indexOf(value);
  if (k < 0) return list;
  return [...list.slice(0, k), ...list.slice(k + 1)];
}

export const spindleUse = (n: Node, i: Instance, current: number, add: boolean): number =>
  n.exclStorage ? 0 : usesLocalStorage(i) ? current + (add ? i.spindleUse : -i.spindleUse) : current;

export function newFreeSpindles(n: Node, i: Instance, current: number, add: boolean): number {
  if (!n.exclStorage) return 0;
  const s = totalSpindles(i);
  if (s === null) return add ? -1 : current; // unknown spindles: refuse the node (as Ganeti)
  return add ? current - s : current + s;
}

export const newPDsk = (n: Node, freeSpindles: number, freeDisk: number): number =>
  n.exclStorage ? computePDsk(freeSpindles, n.tSpindles) : computePDsk(freeDisk, n.tDsk);

export function instanceDesiredLocationScore(p: Node, i: Instance): number {
  let missing = 0;
  for (const t of i.dsrdLocTags) if (!p.locationTags.has(t)) missing++;
  return missing;
}

export function locationExclusionPairs(p: Node, i: Instance): string[] {
  const out: string[] = [];
  for (const loc of p.locationTags) for (const excl of i.exclTags) out.push(`${loc}\u0000${excl}`);
  return out;
}

// ---- loading: place instances without checks --------------------------------------------------------------------

/** Record a primary instance while loading (Node.setPri). */
export function setPri(n: Node, i: Instance): Node {
  const online = notOffline(i);
  const uCpuForth = online ? n.uCpuForth + i.vcpus : n.uCpuForth;
  const fMemForth = usesMemory(i) ? n.fMemForth : n.fMemForth - i.mem;
  let out: Node = {
    ...n,
    pTags: addTags(n.pTags, i.exclTags),
    pListForth: [i.idx, ...n.pListForth],
    uCpuForth,
    pCpuForth: uCpuForth / n.tCpu,
    utilLoadForth: addUtil(n.utilLoadForth, i.util),
    fMemForth,
    pMemForth: fMemForth / n.tMem,
    instSpindlesForth: spindleUse(n, i, n.instSpindlesForth, true),
  };
  if (!i.forthcoming) {
    const uCpu = online ? n.uCpu + i.vcpus : n.uCpu;
    out = {
      ...out,
      pList: [i.idx, ...n.pList],
      uCpu,
      pCpu: uCpu / n.tCpu,
      utilLoad: addUtil(n.utilLoad, i.util),
      instSpindles: spindleUse(n, i, n.instSpindles, true),
      locationScore: n.locationScore + i.locationScore + instanceDesiredLocationScore(n, i),
      instanceMap: addTags(n.instanceMap, locationExclusionPairs(n, i)),
    };
  } else {
    const fDskForth = usesLocalStorage(i) ? out.fDskForth - i.dsk : out.fDskForth;
    const fSpindlesForth = newFreeSpindles(out, i, out.fSpindlesForth, true);
    out = { ...out, fDskForth, fSpindlesForth, pDskForth: newPDsk(out, fSpindlesForth, fDskForth) };
  }
  return out;
}

/** Record a secondary instance while loading (Node.setSec). */
export function setSec(n: Node, i: Instance): Node {
  let out: Node = {
    ...n,
    sListForth: [i.idx, ...n.sListForth],
    utilLoadForth: { ...n.utilLoadForth, dsk: n.utilLoadForth.dsk + i.util.dsk },
    instSpindlesForth: spindleUse(n, i, n.instSpindlesForth, true),
  };
  if (!i.forthcoming) {
    out = {
      ...out,
      sList: [i.idx, ...n.sList],
      utilLoad: { ...n.utilLoad, dsk: n.utilLoad.dsk + i.util.dsk },
      instSpindles: spindleUse(n, i, n.instSpindles, true),
    };
  } else {
    const fDskForth = usesLocalStorage(i) ? out.fDskForth - i.dsk : out.fDskForth;
    const fSpindlesForth = newFreeSpindles(out, i, out.fSpindlesForth, true);
    out = { ...out, fDskForth, fSpindlesForth, pDskForth: newPDsk(out, fSpindlesForth, fDskForth) };
  }
  return out;
}

/** Builds the peer map and r_mem from the secondaries (Node.buildPeers). */
export function buildPeers(n: Node, instances: readonly Instance[]): Node {
  const peers = new Map<number, number>();
  for (const idx of n.sList) {
    const i = instances[idx]!;
    const mem = usesSecMem(i) && !i.forthcoming ? i.mem : 0;
    peers.set(i.pNode, (peers.get(i.pNode) ?? 0) + mem);
  }
  const rMem = maxPeer(peers);
  return { ...n, peers, failN1: n.fMem < rMem, rMem, pRem: rMem / n.tMem };
}

// ---- statistics -----------------------------------------------------------------------------------------------------

export const availDisk = (n: Node): number => (n.fDsk < n.loDsk ? 0 : n.fDsk - n.loDsk);
/** Memory free by the record, less what the node reported missing (Node.unallocatedMem). */
export function unallocatedMem(n: Node): number {
  return unallocatedWith(n, n.iMem);
}

export function unallocatedWith(n: Node, iMem: number): number {
  return Math.trunc(n.tMem) - n.nMem - iMem - Math.max(0, n.xMem);
}

/** Free by the record minus what the instances secondaried here need on failover. */
export const availMem = (n: Node): number => Math.max(0, unallocatedMem(n) - n.rMem);
/** Recorded minus reported free memory (Node.missingMem). */
export const missingMem = (n: Node): number => Math.trunc(n.tMem) - n.nMem - n.iMem - n.fMem;
export const availCpu = (n: Node): number => (n.hiCpu >= n.uCpu ? n.hiCpu - n.uCpu : 0);
/** Used disk (Node.iDsk). */
export const iDsk = (n: Node): number => Math.trunc(n.tDsk) - n.fDsk;

/** Policy violations of a node as it stands (Node.getPolicyHealth). */
export function policyHealth(n: Node): OpResult<void> {
  if (n.instSpindles > n.hiSpindles) return bad("FailDisk");
  if (n.pCpu > n.iPolicy.vcpuRatio) return bad("FailCPU");
  return ok(undefined);
}

export const pCpuEff = (n: Node): number => n.pCpu / n.tCpuSpeed;
export const pCpuEffForth = (n: Node): number => n.pCpuForth / n.tCpuSpeed;
