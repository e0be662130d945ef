// The nodes of one global N+1 check as flat, mutable records: the fields that node.ts's removePri, removeSec and
// the forced addPriEx / addSecExEx read or change, and the 20 score components of metrics.ts, in typed arrays.
// The check simulates one node's failure at a time, so every change is undone afterwards (touch/restore) instead
// of building new node lists. The arithmetic is node.ts's, operation for operation, so the numbers are the same
// bits; `n1-node-state.test.ts` compares every field and component with the model on random clusters.
// Covered: instances that are not forthcoming, nodes without exclusive storage, and only forced additions (the
// check ignores soft errors); the caller falls back to the reference for anything else.
import { addPriRecord, COMPONENTS, componentsOf, CONFLICTS, conflictsAfterAdding, conflictsOf, desiredMissing, FAILN1, FDSK, FDSK_F, FMEM_F, HASH_F64, HASH_I32, HI_SPINDLES, IMEM, type InstanceFacts, INSTSP, INSTSP_F, LOAD_CPU, LOAD_DSK, LOAD_MEM, LOAD_NET, loadRecord, LOCATION, mapTotal, maxPeer, MEM_BASE, OFFLINE, PCOUNT, PCPU, PCPU_F, PDSK, PDSK_F, pDskOf, PMEM, PMEM_F, POOL_CPU, POOL_DSK, POOL_MEM, POOL_NET, PREM, RECORD, removePriRecord, RMEM, SCOUNT, T_CPU, T_CPU_SPEED, T_DSK, T_MEM, UCPU, UCPU_F, X_MEM } from "./n1-records";
import { addTags, delTags } from "../count-maps";
import { locationExclusionPairs } from "../node";
import type { NodeList } from "./types";

export { COMPONENTS, instanceFacts, n1StateApplies, type InstanceFacts } from "./n1-records";

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
