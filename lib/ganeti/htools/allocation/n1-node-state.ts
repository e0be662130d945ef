// The nodes of one global N+1 check as flat, mutable records: the fields that node.ts's removePri, removeSec and
// the forced addPriEx / addSecExEx read or change, and the 20 score components of metrics.ts, in typed arrays.
// The check simulates one node's failure at a time, so every change is undone afterwards (touch/restore) instead
// of building new node lists. The arithmetic is node.ts's, operation for operation, so the numbers are the same
// bits; `n1-node-state.test.ts` compares every field and component with the model on random clusters.
// Covered: instances that are not forthcoming, nodes without exclusive storage, and only forced additions (the
// check ignores soft errors); the caller falls back to the reference for anything else.
import type { Instance } from "../instance";
import { notOffline, usesLocalStorage, usesMemory, usesSecMem } from "../instance";
import { METRIC_COMPONENTS } from "../metrics";
import type { Node } from "../node";
import { instanceDesiredLocationScore, locationExclusionPairs } from "../node";
import type { NodeList } from "./types";

// ---- the record -----------------------------------------------------------------------------------------------------

// Fields that the operations change.
const IMEM = 0;
const FDSK = 1;
const FMEM_F = 2;
const FDSK_F = 3;
const UCPU = 4;
const UCPU_F = 5;
const PCOUNT = 6;
const SCOUNT = 7;
const RMEM = 8;
const FAILN1 = 9;
const PMEM = 10;
const PDSK = 11;
const PREM = 12;
const PCPU = 13;
const PMEM_F = 14;
const PDSK_F = 15;
const PCPU_F = 16;
const INSTSP = 17;
const INSTSP_F = 18;
const LOAD_CPU = 19;
const LOAD_MEM = 20;
const LOAD_DSK = 21;
const LOAD_NET = 22;
const LOCATION = 23;
/** conflictingPrimaries: Σ counts − number of exclusion tags of the primaries. */
const CONFLICTS = 24;
// Fields that never change.
/** Math.trunc(tMem) − nMem: the first two terms of unallocatedWith, summed as node.ts sums them. */
const MEM_BASE = 25;
/** Math.max(0, xMem). */
const X_MEM = 26;
const T_MEM = 27;
const T_DSK = 28;
const T_CPU = 29;
const T_CPU_SPEED = 30;
const HI_SPINDLES = 31;
const POOL_CPU = 32;
const POOL_MEM = 33;
const POOL_DSK = 34;
const POOL_NET = 35;
const OFFLINE = 36;
/** Slots per node. */
export const RECORD = 37;
export const COMPONENTS = 20;

const COMPONENT_NAMES = [
  "free_mem_cv", "free_disk_cv", "n1_cnt", "reserved_mem_cv", "offline_all_cnt", "offline_pri_cnt", "vcpu_ratio_cv",
  "cpu_load_cv", "mem_load_cv", "disk_load_cv", "net_load_cv", "pri_tags_score", "spindles_cv", "free_mem_cv_forth",
  "free_disk_cv_forth", "vcpu_ratio_cv_forth", "spindles_cv_forth", "location_score", "location_exclusion_score",
  "reserved_mem_rtotal",
];

/** The records know the score's components by position; if metrics.ts's list ever changes, the check falls back. */
export const N1_STATE_AVAILABLE =
  METRIC_COMPONENTS.length === COMPONENTS && METRIC_COMPONENTS.every((c, k) => c.name === COMPONENT_NAMES[k]);

/** Per-instance numbers the operations read, computed once per evacuated instance. */
export type InstanceFacts = {
  inst: Instance;
  online: boolean;
  usesMemory: boolean;
  usesDisk: boolean;
  secMem: boolean;
  /** Whether it has desired location tags (instanceDesiredLocationScore is 0 on every node otherwise). */
  desired: boolean;
};

export const instanceFacts = (inst: Instance): InstanceFacts => ({
  inst,
  online: notOffline(inst),
  usesMemory: usesMemory(inst),
  usesDisk: usesLocalStorage(inst),
  secMem: usesSecMem(inst),
  desired: inst.dsrdLocTags.size > 0,
});

const desiredMissing = (n: Node, f: InstanceFacts): number => (f.desired ? instanceDesiredLocationScore(n, f.inst) : 0);

// ---- tag maps as node.ts keeps them -------------------------------------------------------------------------------

function addTags<K>(map: Map<K, number>, keys: Iterable<K>): Map<K, number> {
  const out = new Map(map);
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

function delTags<K>(map: Map<K, number>, keys: Iterable<K>): Map<K, number> {
  const out = new Map(map);
  for (const k of keys) {
    const v = out.get(k);
    if (v === undefined) continue;
    if (v > 1) out.set(k, v - 1);
    else out.delete(k);
  }
  return out;
}

function conflictsOf(map: Map<string, number>): number {
  let sum = 0;
  for (const v of map.values()) sum += v;
  return sum - map.size;
}

/** conflictingPrimaries after adding `tags` to the map, without building it. */
function conflictsAfterAdding(map: Map<string, number>, current: number, tags: readonly string[]): number {
  let conflicts = current;
  for (let k = 0; k < tags.length; k++) {
    const t = tags[k]!;
    if (map.has(t) || tags.indexOf(t) < k) conflicts++;
  }
  return conflicts;
}

export const mapTotal = (map: ReadonlyMap<string, number>): number => {
  let s = 0;
  for (const v of map.values()) s += v;
  return s;
};

function maxPeer(peers: Map<number, number>): number {
  let m = 0;
  for (const v of peers.values()) if (v > m) m = v;
  return m;
}

const pDskOf = (free: number, total: number): number => (total === 0 ? 1 : free / total);

const HASH_F64 = new Float64Array(1);
const HASH_I32 = new Int32Array(HASH_F64.buffer);

// ---- record arithmetic (node.ts, non-forthcoming instance, no exclusive storage) ------------------------------------

/** removePri's numbers; `conflicts` is the primaries' tag conflicts afterwards, `missing` instanceDesiredLocationScore. */
function removePriRecord(r: Float64Array, o: number, f: InstanceFacts, conflicts: number, missing: number): void {
  const i = f.inst;
  const fMemForth = r[o + FMEM_F]! + i.mem;
  const fDskForth = f.usesDisk ? r[o + FDSK_F]! + i.dsk : r[o + FDSK_F]!;
  const uCpuForth = f.online ? r[o + UCPU_F]! - i.vcpus : r[o + UCPU_F]!;
  const iMem = f.usesMemory ? r[o + IMEM]! - i.mem : r[o + IMEM]!;
  const free = r[o + MEM_BASE]! - iMem - r[o + X_MEM]!;
  const fDsk = f.usesDisk ? r[o + FDSK]! + i.dsk : r[o + FDSK]!;
  const uCpu = f.online ? r[o + UCPU]! - i.vcpus : r[o + UCPU]!;
  r[o + FMEM_F] = fMemForth;
  r[o + FDSK_F] = fDskForth;
  r[o + PMEM_F] = fMemForth / r[o + T_MEM]!;
  r[o + PDSK_F] = pDskOf(fDskForth, r[o + T_DSK]!);
  r[o + UCPU_F] = uCpuForth;
  r[o + PCPU_F] = uCpuForth / r[o + T_CPU]!;
  if (f.usesDisk) r[o + INSTSP_F] = r[o + INSTSP_F]! - i.spindleUse;
  r[o + PCOUNT] = r[o + PCOUNT]! - 1;
  r[o + IMEM] = iMem;
  r[o + FDSK] = fDsk;
  r[o + FAILN1] = free <= r[o + RMEM]! ? 1 : 0;
  r[o + PMEM] = free / r[o + T_MEM]!;
  r[o + PDSK] = pDskOf(fDsk, r[o + T_DSK]!);
  r[o + UCPU] = uCpu;
  r[o + PCPU] = uCpu / r[o + T_CPU]!;
  r[o + LOAD_CPU] = r[o + LOAD_CPU]! - i.util.cpu;
  r[o + LOAD_MEM] = r[o + LOAD_MEM]! - i.util.mem;
  r[o + LOAD_DSK] = r[o + LOAD_DSK]! - i.util.dsk;
  r[o + LOAD_NET] = r[o + LOAD_NET]! - i.util.net;
  if (f.usesDisk) r[o + INSTSP] = r[o + INSTSP]! - i.spindleUse;
  r[o + LOCATION] = r[o + LOCATION]! - i.locationScore - missing;
  r[o + CONFLICTS] = conflicts;
}

/** addPriEx with `force`: false when a hard check fails (then the record is unchanged). */
function addPriRecord(r: Float64Array, o: number, f: InstanceFacts, conflicts: number, missing: number): boolean {
  const i = f.inst;
  const iMem = f.usesMemory ? r[o + IMEM]! + i.mem : r[o + IMEM]!;
  const free = r[o + MEM_BASE]! - iMem - r[o + X_MEM]!;
  const fDsk = f.usesDisk ? r[o + FDSK]! - i.dsk : r[o + FDSK]!;
  if (free <= 0) return false;
  if (f.usesDisk && fDsk <= 0) return false;
  const fMemForth = r[o + FMEM_F]! - i.mem;
  const fDskForth = f.usesDisk ? r[o + FDSK_F]! - i.dsk : r[o + FDSK_F]!;
  const uCpuForth = f.online ? r[o + UCPU_F]! + i.vcpus : r[o + UCPU_F]!;
  const uCpu = f.online ? r[o + UCPU]! + i.vcpus : r[o + UCPU]!;
  r[o + PCOUNT] = r[o + PCOUNT]! + 1;
  r[o + IMEM] = iMem;
  r[o + FDSK] = fDsk;
  r[o + FAILN1] = free <= r[o + RMEM]! ? 1 : 0;
  r[o + PMEM] = free / r[o + T_MEM]!;
  r[o + PDSK] = pDskOf(fDsk, r[o + T_DSK]!);
  r[o + UCPU] = uCpu;
  r[o + PCPU] = uCpu / r[o + T_CPU]!;
  r[o + LOAD_CPU] = r[o + LOAD_CPU]! + i.util.cpu;
  r[o + LOAD_MEM] = r[o + LOAD_MEM]! + i.util.mem;
  r[o + LOAD_DSK] = r[o + LOAD_DSK]! + i.util.dsk;
  r[o + LOAD_NET] = r[o + LOAD_NET]! + i.util.net;
  if (f.usesDisk) {
    r[o + INSTSP] = r[o + INSTSP]! + i.spindleUse;
    r[o + INSTSP_F] = r[o + INSTSP_F]! + i.spindleUse;
  }
  r[o + LOCATION] = r[o + LOCATION]! + i.locationScore + missing;
  r[o + CONFLICTS] = conflicts;
  r[o + FMEM_F] = fMemForth;
  r[o + FDSK_F] = fDskForth;
  r[o + PMEM_F] = fMemForth / r[o + T_MEM]!;
  r[o + PDSK_F] = pDskOf(fDskForth, r[o + T_DSK]!);
  r[o + UCPU_F] = uCpuForth;
  r[o + PCPU_F] = uCpuForth / r[o + T_CPU]!;
  return true;
}

/** The node's 20 score components (metrics.ts's METRIC_COMPONENTS values), written at `out[at..]`. */
function componentsOf(r: Float64Array, o: number, out: Float64Array, at: number): void {
  const count = r[o + PCOUNT]! + r[o + SCOUNT]!;
  const pRem = r[o + PREM]!;
  out[at] = r[o + PMEM]!;
  out[at + 1] = r[o + PDSK]!;
  out[at + 2] = r[o + FAILN1] ? count : 0;
  out[at + 3] = pRem;
  out[at + 4] = count;
  out[at + 5] = r[o + PCOUNT]!;
  out[at + 6] = r[o + PCPU]! / r[o + T_CPU_SPEED]!;
  out[at + 7] = r[o + LOAD_CPU]! / r[o + POOL_CPU]!;
  out[at + 8] = r[o + LOAD_MEM]! / r[o + POOL_MEM]!;
  out[at + 9] = r[o + LOAD_DSK]! / r[o + POOL_DSK]!;
  out[at + 10] = r[o + LOAD_NET]! / r[o + POOL_NET]!;
  out[at + 11] = r[o + CONFLICTS]!;
  out[at + 12] = r[o + INSTSP]! / r[o + HI_SPINDLES]!;
  out[at + 13] = r[o + PMEM_F]!;
  out[at + 14] = r[o + PDSK_F]!;
  out[at + 15] = r[o + PCPU_F]! / r[o + T_CPU_SPEED]!;
  out[at + 16] = r[o + INSTSP_F]! / r[o + HI_SPINDLES]!;
  out[at + 17] = r[o + LOCATION]!;
  out[at + 18] = 0;
  out[at + 19] = pRem;
}

function loadRecord(n: Node, r: Float64Array, o: number, conflicts: number): void {
  r[o + IMEM] = n.iMem;
  r[o + FDSK] = n.fDsk;
  r[o + FMEM_F] = n.fMemForth;
  r[o + FDSK_F] = n.fDskForth;
  r[o + UCPU] = n.uCpu;
  r[o + UCPU_F] = n.uCpuForth;
  r[o + PCOUNT] = n.pList.length;
  r[o + SCOUNT] = n.sList.length;
  r[o + RMEM] = n.rMem;
  r[o + FAILN1] = n.failN1 ? 1 : 0;
  r[o + PMEM] = n.pMem;
  r[o + PDSK] = n.pDsk;
  r[o + PREM] = n.pRem;
  r[o + PCPU] = n.pCpu;
  r[o + PMEM_F] = n.pMemForth;
  r[o + PDSK_F] = n.pDskForth;
  r[o + PCPU_F] = n.pCpuForth;
  r[o + INSTSP] = n.instSpindles;
  r[o + INSTSP_F] = n.instSpindlesForth;
  r[o + LOAD_CPU] = n.utilLoad.cpu;
  r[o + LOAD_MEM] = n.utilLoad.mem;
  r[o + LOAD_DSK] = n.utilLoad.dsk;
  r[o + LOAD_NET] = n.utilLoad.net;
  r[o + LOCATION] = n.locationScore;
  r[o + CONFLICTS] = conflicts;
  r[o + MEM_BASE] = Math.trunc(n.tMem) - n.nMem;
  r[o + X_MEM] = Math.max(0, n.xMem);
  r[o + T_MEM] = n.tMem;
  r[o + T_DSK] = n.tDsk;
  r[o + T_CPU] = n.tCpu;
  r[o + T_CPU_SPEED] = n.tCpuSpeed;
  r[o + HI_SPINDLES] = n.hiSpindles;
  r[o + POOL_CPU] = n.utilPool.cpu;
  r[o + POOL_MEM] = n.utilPool.mem;
  r[o + POOL_DSK] = n.utilPool.dsk;
  r[o + POOL_NET] = n.utilPool.net;
  r[o + OFFLINE] = n.offline ? 1 : 0;
}

/** Whether the flat records model every node of the list (no exclusive storage, indices matching positions). */
export function n1StateApplies(nl: NodeList): boolean {
  if (!N1_STATE_AVAILABLE) return false;
  for (let k = 0; k < nl.length; k++) {
    const n = nl[k];
    if (n !== undefined && (n.exclStorage || n.idx !== k)) return false;
  }
  return true;
}

// ---- the state ----------------------------------------------------------------------------------------------------

/**
 * The records of a node list (holes stay holes), the tag and peer maps beside them (replaced, never changed in
 * place, as node.ts does), each node's component values, and an undo log of the nodes changed since the last restore.
 */
export class N1NodeState {
  readonly nodes: NodeList;
  readonly size: number;
  readonly rec: Float64Array;
  /** Component values, COMPONENTS per node. */
  readonly vals: Float64Array;
  readonly pTags: Map<string, number>[];
  readonly instanceMap: Map<string, number>[];
  readonly peers: Map<number, number>[];
  private readonly savedRec: Float64Array;
  private readonly savedVals: Float64Array;
  private readonly savedPTags: Map<string, number>[];
  private readonly savedInstanceMap: Map<string, number>[];
  private readonly savedPeers: Map<number, number>[];
  private readonly touched: Int32Array;
  private readonly dirty: number[] = [];
  private epoch = 1;
  /**
   * Change clocks, so statistics are recomputed only where their inputs changed: per component, the time any node's
   * value of it last changed; for the location-exclusion maps, the time any of them last changed.
   */
  private clock = 1;
  readonly componentStamp = new Float64Array(COMPONENTS).fill(1);
  mapStamp = 1;
  private readonly fresh = new Float64Array(COMPONENTS);
  /**
   * Nodes whose records hold the same bits behave the same as targets: the same trial placement, the same component
   * values, so the same score. A node's record is interned into a class when asked for (classOf), and again after it
   * changes, so the check can score one node per class (for instances whose placement does not also depend on tag
   * maps).
   */
  private readonly recordClass: Int32Array;
  private classRecords = new Float64Array(64 * RECORD);
  private classCount = 0;
  private readonly classBuckets = new Map<number, number[]>();
  /** The scratch record of trial placements and its components. */
  private readonly trial = new Float64Array(RECORD);
  readonly trialVals = new Float64Array(COMPONENTS);

  constructor(nl: NodeList) {
    const size = nl.length;
    this.nodes = nl;
    this.size = size;
    this.rec = new Float64Array(size * RECORD);
    this.vals = new Float64Array(size * COMPONENTS);
    this.savedRec = new Float64Array(size * RECORD);
    this.savedVals = new Float64Array(size * COMPONENTS);
    this.pTags = new Array(size);
    this.instanceMap = new Array(size);
    this.peers = new Array(size);
    this.savedPTags = new Array(size);
    this.savedInstanceMap = new Array(size);
    this.savedPeers = new Array(size);
    this.touched = new Int32Array(size);
    this.recordClass = new Int32Array(size).fill(-1);
    for (let j = 0; j < size; j++) {
      const n = nl[j];
      if (n === undefined) continue;
      this.pTags[j] = n.pTags;
      this.instanceMap[j] = n.instanceMap;
      this.peers[j] = n.peers;
      loadRecord(n, this.rec, j * RECORD, conflictsOf(n.pTags));
      componentsOf(this.rec, j * RECORD, this.vals, j * COMPONENTS);
    }
  }

  /** The class of node `j`'s record: nodes of one class hold the same bits. */
  classOf(j: number): number {
    const c = this.recordClass[j]!;
    return c >= 0 ? c : this.classify(j);
  }

  /** The number of record classes so far (class ids are below it). */
  get classes(): number {
    return this.classCount;
  }

  /** Intern node `j`'s record: equal bits, same class (NaN never equals, so such a record gets a class of its own). */
  private classify(j: number): number {
    const r = this.rec;
    const o = j * RECORD;
    let h = 0x811c9dc5;
    for (let k = 0; k < RECORD; k++) {
      HASH_F64[0] = r[o + k]!;
      h = Math.imul(h ^ HASH_I32[0]!, 0x01000193);
      h = Math.imul(h ^ HASH_I32[1]!, 0x01000193);
    }
    const bucket = this.classBuckets.get(h);
    if (bucket) {
      for (const c of bucket) {
        const co = c * RECORD;
        let same = true;
        for (let k = 0; k < RECORD && same; k++) {
          const a = r[o + k]!;
          const b = this.classRecords[co + k]!;
          same = a === b && (a !== 0 || 1 / a === 1 / b);
        }
        if (same) {
          this.recordClass[j] = c;
          return c;
        }
      }
    }
    const c = this.classCount++;
    if ((c + 1) * RECORD > this.classRecords.length) {
      const grown = new Float64Array(this.classRecords.length * 2);
      grown.set(this.classRecords);
      this.classRecords = grown;
    }
    this.classRecords.set(r.subarray(o, o + RECORD), c * RECORD);
    if (bucket) bucket.push(c);
    else this.classBuckets.set(h, [c]);
    this.recordClass[j] = c;
    return c;
  }

  offline(j: number): boolean {
    return this.rec[j * RECORD + OFFLINE] === 1;
  }

  /** Remember node `j` as it is, the first time it changes since the last restore. */
  private touch(j: number): void {
    if (this.touched[j] === this.epoch) return;
    this.touched[j] = this.epoch;
    this.savedRec.set(this.rec.subarray(j * RECORD, (j + 1) * RECORD), j * RECORD);
    this.savedVals.set(this.vals.subarray(j * COMPONENTS, (j + 1) * COMPONENTS), j * COMPONENTS);
    this.savedPTags[j] = this.pTags[j]!;
    this.savedInstanceMap[j] = this.instanceMap[j]!;
    this.savedPeers[j] = this.peers[j]!;
    this.dirty.push(j);
  }

  /** Undo every change since the last restore. */
  restore(): void {
    for (const j of this.dirty) {
      this.rec.set(this.savedRec.subarray(j * RECORD, (j + 1) * RECORD), j * RECORD);
      this.vals.set(this.savedVals.subarray(j * COMPONENTS, (j + 1) * COMPONENTS), j * COMPONENTS);
      this.pTags[j] = this.savedPTags[j]!;
      this.instanceMap[j] = this.savedInstanceMap[j]!;
      this.peers[j] = this.savedPeers[j]!;
    }
    this.clock++;
    for (const j of this.dirty) this.recordClass[j] = -1;
    if (this.dirty.length > 0) {
      this.componentStamp.fill(this.clock);
      this.mapStamp = this.clock;
    }
    this.dirty.length = 0;
    this.epoch++;
  }

  /** Recompute node `j`'s component values after a change, stamping the components whose value changed. */
  private refresh(j: number): void {
    const fresh = this.fresh;
    const vals = this.vals;
    const at = j * COMPONENTS;
    componentsOf(this.rec, j * RECORD, fresh, 0);
    this.recordClass[j] = -1;
    this.clock++;
    for (let k = 0; k < COMPONENTS; k++) {
      const a = vals[at + k]!;
      const b = fresh[k]!;
      // Changed unless the same bits (NaN counts as changed; 0 and -0 differ).
      if (a !== b || (a === 0 && 1 / a !== 1 / b)) {
        vals[at + k] = b;
        this.componentStamp[k] = this.clock;
      }
    }
  }

  /** removePri of `f` on node `j`, in place. */
  removePri(j: number, f: InstanceFacts): void {
    this.touch(j);
    const node = this.nodes[j]!;
    const tags = f.inst.exclTags;
    if (tags.length > 0) {
      this.pTags[j] = delTags(this.pTags[j]!, tags);
      this.instanceMap[j] = delTags(this.instanceMap[j]!, locationExclusionPairs(node, f.inst));
      this.mapStamp = ++this.clock;
    }
    const conflicts = tags.length > 0 ? conflictsOf(this.pTags[j]!) : this.rec[j * RECORD + CONFLICTS]!;
    removePriRecord(this.rec, j * RECORD, f, conflicts, desiredMissing(node, f));
    this.refresh(j);
  }

  /** The components of node `j` after removePri of `f`, into trialVals, without changing the state. */
  removePriTrial(j: number, f: InstanceFacts): void {
    this.copyToTrial(j);
    const tags = f.inst.exclTags;
    const conflicts = tags.length > 0 ? conflictsOf(delTags(this.pTags[j]!, tags)) : this.trial[CONFLICTS]!;
    removePriRecord(this.trial, 0, f, conflicts, desiredMissing(this.nodes[j]!, f));
    componentsOf(this.trial, 0, this.trialVals, 0);
  }

  /** Forced addPriEx of `f` on node `j`, in place; false (nothing changed) when a hard check fails. */
  addPri(j: number, f: InstanceFacts): boolean {
    const node = this.nodes[j]!;
    const tags = f.inst.exclTags;
    const o = j * RECORD;
    const conflicts = tags.length > 0 ? conflictsAfterAdding(this.pTags[j]!, this.rec[o + CONFLICTS]!, tags) : this.rec[o + CONFLICTS]!;
    this.trial.set(this.rec.subarray(o, o + RECORD));
    if (!addPriRecord(this.trial, 0, f, conflicts, desiredMissing(node, f))) return false;
    this.touch(j);
    this.rec.set(this.trial, o);
    if (tags.length > 0) {
      this.pTags[j] = addTags(this.pTags[j]!, tags);
      this.instanceMap[j] = addTags(this.instanceMap[j]!, locationExclusionPairs(node, f.inst));
      this.mapStamp = ++this.clock;
    }
    this.refresh(j);
    return true;
  }

  /**
   * The components of node `j` after a forced addPriEx of `f`, into trialVals; false when it would fail. The hot
   * path of the check (every target of every moved instance): addPriRecord and componentsOf fused, reading the
   * record without copying it, the same operations in the same order.
   */
  addPriTrial(j: number, f: InstanceFacts): boolean {
    const r = this.rec;
    const o = j * RECORD;
    const i = f.inst;
    const iMem = f.usesMemory ? r[o + IMEM]! + i.mem : r[o + IMEM]!;
    const free = r[o + MEM_BASE]! - iMem - r[o + X_MEM]!;
    const fDsk = f.usesDisk ? r[o + FDSK]! - i.dsk : r[o + FDSK]!;
    if (free <= 0) return false;
    if (f.usesDisk && fDsk <= 0) return false;
    const tags = i.exclTags;
    const conflicts = tags.length > 0 ? conflictsAfterAdding(this.pTags[j]!, r[o + CONFLICTS]!, tags) : r[o + CONFLICTS]!;
    const tMem = r[o + T_MEM]!;
    const tDsk = r[o + T_DSK]!;
    const tCpu = r[o + T_CPU]!;
    const speed = r[o + T_CPU_SPEED]!;
    const pCount = r[o + PCOUNT]! + 1;
    const count = pCount + r[o + SCOUNT]!;
    const uCpu = f.online ? r[o + UCPU]! + i.vcpus : r[o + UCPU]!;
    const uCpuForth = f.online ? r[o + UCPU_F]! + i.vcpus : r[o + UCPU_F]!;
    const fDskForth = f.usesDisk ? r[o + FDSK_F]! - i.dsk : r[o + FDSK_F]!;
    const instSp = f.usesDisk ? r[o + INSTSP]! + i.spindleUse : r[o + INSTSP]!;
    const instSpForth = f.usesDisk ? r[o + INSTSP_F]! + i.spindleUse : r[o + INSTSP_F]!;
    const pRem = r[o + PREM]!;
    const out = this.trialVals;
    out[0] = free / tMem;
    out[1] = pDskOf(fDsk, tDsk);
    out[2] = free <= r[o + RMEM]! ? count : 0;
    out[3] = pRem;
    out[4] = count;
    out[5] = pCount;
    out[6] = uCpu / tCpu / speed;
    out[7] = (r[o + LOAD_CPU]! + i.util.cpu) / r[o + POOL_CPU]!;
    out[8] = (r[o + LOAD_MEM]! + i.util.mem) / r[o + POOL_MEM]!;
    out[9] = (r[o + LOAD_DSK]! + i.util.dsk) / r[o + POOL_DSK]!;
    out[10] = (r[o + LOAD_NET]! + i.util.net) / r[o + POOL_NET]!;
    out[11] = conflicts;
    out[12] = instSp / r[o + HI_SPINDLES]!;
    out[13] = (r[o + FMEM_F]! - i.mem) / tMem;
    out[14] = pDskOf(fDskForth, tDsk);
    out[15] = uCpuForth / tCpu / speed;
    out[16] = instSpForth / r[o + HI_SPINDLES]!;
    out[17] = r[o + LOCATION]! + i.locationScore + desiredMissing(this.nodes[j]!, f);
    out[18] = 0;
    out[19] = pRem;
    return true;
  }

  private copyToTrial(j: number): void {
    const r = this.rec;
    const t = this.trial;
    const o = j * RECORD;
    for (let k = 0; k < RECORD; k++) t[k] = r[o + k]!;
  }

  /** removeSec of `f` (whose primary is `f.inst.pNode`) on node `j`, in place. */
  removeSec(j: number, f: InstanceFacts): void {
    this.touch(j);
    const i = f.inst;
    const r = this.rec;
    const o = j * RECORD;
    const fDskForth = f.usesDisk ? r[o + FDSK_F]! + i.dsk : r[o + FDSK_F]!;
    const fDsk = f.usesDisk ? r[o + FDSK]! + i.dsk : r[o + FDSK]!;
    const oldPeer = this.peers[j]!.get(i.pNode) ?? 0;
    const newPeer = f.secMem ? oldPeer - i.mem : oldPeer;
    const peers = new Map(this.peers[j]!);
    if (newPeer > 0) peers.set(i.pNode, newPeer);
    else peers.delete(i.pNode);
    const rMem = oldPeer < r[o + RMEM]! ? r[o + RMEM]! : maxPeer(peers);
    const unallocated = r[o + MEM_BASE]! - r[o + IMEM]! - r[o + X_MEM]!;
    this.peers[j] = peers;
    r[o + FDSK_F] = fDskForth;
    r[o + PDSK_F] = pDskOf(fDskForth, r[o + T_DSK]!);
    if (f.usesDisk) {
      r[o + INSTSP_F] = r[o + INSTSP_F]! - i.spindleUse;
      r[o + INSTSP] = r[o + INSTSP]! - i.spindleUse;
    }
    r[o + SCOUNT] = r[o + SCOUNT]! - 1;
    r[o + FDSK] = fDsk;
    r[o + FAILN1] = unallocated <= rMem ? 1 : 0;
    r[o + RMEM] = rMem;
    r[o + PDSK] = pDskOf(fDsk, r[o + T_DSK]!);
    r[o + PREM] = rMem / r[o + T_MEM]!;
    r[o + LOAD_DSK] = r[o + LOAD_DSK]! - i.util.dsk;
    this.refresh(j);
  }

  /** Forced addSecExEx of `f` for primary `pdx` on node `j`, in place; false when a hard check fails. */
  addSec(j: number, f: InstanceFacts, pdx: number, ignoreDisks: boolean): boolean {
    const i = f.inst;
    const r = this.rec;
    const o = j * RECORD;
    const needed = f.secMem ? i.mem : 0;
    const newPeer = (this.peers[j]!.get(pdx) ?? 0) + needed;
    const fDskForth = r[o + FDSK_F]! - i.dsk;
    const fDsk = r[o + FDSK]! - i.dsk;
    const rMem = Math.max(r[o + RMEM]!, newPeer);
    const oldFree = r[o + MEM_BASE]! - r[o + IMEM]! - r[o + X_MEM]!;
    if (i.diskTemplate !== "drbd") return false;
    if (!ignoreDisks && fDsk <= 0) return false;
    this.touch(j);
    const peers = new Map(this.peers[j]!);
    peers.set(pdx, newPeer);
    this.peers[j] = peers;
    r[o + SCOUNT] = r[o + SCOUNT]! + 1;
    r[o + FDSK] = fDsk;
    r[o + FAILN1] = oldFree <= rMem ? 1 : 0;
    r[o + RMEM] = rMem;
    r[o + PDSK] = pDskOf(fDsk, r[o + T_DSK]!);
    r[o + PREM] = rMem / r[o + T_MEM]!;
    r[o + LOAD_DSK] = r[o + LOAD_DSK]! + i.util.dsk;
    if (f.usesDisk) {
      r[o + INSTSP] = r[o + INSTSP]! + i.spindleUse;
      r[o + INSTSP_F] = r[o + INSTSP_F]! + i.spindleUse;
    }
    r[o + FDSK_F] = fDskForth;
    r[o + PDSK_F] = pDskOf(fDskForth, r[o + T_DSK]!);
    this.refresh(j);
    return true;
  }

  /** The change in Σ counts of node `j`'s location-exclusion map when `f` stops being its primary (≤ 0). */
  removedPairs(j: number, f: InstanceFacts): number {
    if (f.inst.exclTags.length === 0) return 0;
    const before = this.instanceMap[j]!;
    return mapTotal(delTags(before, locationExclusionPairs(this.nodes[j]!, f.inst))) - mapTotal(before);
  }

  /** A node's fields and components as numbers by name, for the tests. */
  describe(j: number): Record<string, number> {
    const o = j * RECORD;
    const r = this.rec;
    const out: Record<string, number> = {
      iMem: r[o + IMEM]!, fDsk: r[o + FDSK]!, fMemForth: r[o + FMEM_F]!, fDskForth: r[o + FDSK_F]!, uCpu: r[o + UCPU]!,
      uCpuForth: r[o + UCPU_F]!, pCount: r[o + PCOUNT]!, sCount: r[o + SCOUNT]!, rMem: r[o + RMEM]!, failN1: r[o + FAILN1]!,
      pMem: r[o + PMEM]!, pDsk: r[o + PDSK]!, pRem: r[o + PREM]!, pCpu: r[o + PCPU]!, pMemForth: r[o + PMEM_F]!,
      pDskForth: r[o + PDSK_F]!, pCpuForth: r[o + PCPU_F]!, instSpindles: r[o + INSTSP]!, instSpindlesForth: r[o + INSTSP_F]!,
      loadCpu: r[o + LOAD_CPU]!, loadMem: r[o + LOAD_MEM]!, loadDsk: r[o + LOAD_DSK]!, loadNet: r[o + LOAD_NET]!,
      locationScore: r[o + LOCATION]!,
    };
    for (let k = 0; k < COMPONENTS; k++) out[`c${k}`] = this.vals[j * COMPONENTS + k]!;
    return out;
  }
}
