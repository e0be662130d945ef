// The flat record of one node for the global N+1 check (n1-node-state.ts): its layout, the per-instance facts the
// operations read, and node.ts's arithmetic on a record, operation for operation, so the numbers are the same bits.
import type { Instance } from "../instance";
import { notOffline, usesLocalStorage, usesMemory, usesSecMem } from "../instance";
import { METRIC_COMPONENTS } from "../metrics";
import type { Node } from "../node";
import { instanceDesiredLocationScore } from "../node";
import type { NodeList } from "./types";
import { countMax, countRepeats, countTotal } from "../count-maps";

// ---- the record -----------------------------------------------------------------------------------------------------

// Fields that the operations change.
export const IMEM = 0;
export const FDSK = 1;
export const FMEM_F = 2;
export const FDSK_F = 3;
export const UCPU = 4;
export const UCPU_F = 5;
export const PCOUNT = 6;
export const SCOUNT = 7;
export const RMEM = 8;
export const FAILN1 = 9;
export const PMEM = 10;
export const PDSK = 11;
export const PREM = 12;
export const PCPU = 13;
export const PMEM_F = 14;
export const PDSK_F = 15;
export const PCPU_F = 16;
export const INSTSP = 17;
export const INSTSP_F = 18;
export const LOAD_CPU = 19;
export const LOAD_MEM = 20;
export const LOAD_DSK = 21;
export const LOAD_NET = 22;
export const LOCATION = 23;
/** conflictingPrimaries: Σ counts − number of exclusion tags of the primaries. */
export const CONFLICTS = 24;
// Fields that never change.
/** Math.trunc(tMem) − nMem: the first two terms of unallocatedWith, summed as node.ts sums them. */
export const MEM_BASE = 25;
/** Math.max(0, xMem). */
export const X_MEM = 26;
export const T_MEM = 27;
export const T_DSK = 28;
export const T_CPU = 29;
export const T_CPU_SPEED = 30;
export const HI_SPINDLES = 31;
export const POOL_CPU = 32;
export const POOL_MEM = 33;
export const POOL_DSK = 34;
export const POOL_NET = 35;
export const OFFLINE = 36;
/** Slots per node. */
export const RECORD = 37;
export const COMPONENTS = 20;

export const COMPONENT_NAMES = [
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

export const desiredMissing = (n: Node, f: InstanceFacts): number => (f.desired ? instanceDesiredLocationScore(n, f.inst) : 0);

export const conflictsOf = countRepeats<string>;

/** conflictingPrimaries after adding `tags` to the map, without building it. */
export function conflictsAfterAdding(map: Map<string, number>, current: number, tags: readonly string[]): number {
  let conflicts = current;
  for (let k = 0; k < tags.length; k++) {
    const t = tags[k]!;
    if (map.has(t) || tags.indexOf(t) < k) conflicts++;
  }
  return conflicts;
}

export const mapTotal = countTotal<string>;

export const maxPeer = countMax<number>;

export const pDskOf = (free: number, total: number): number => (total === 0 ? 1 : free / total);

export const HASH_F64 = new Float64Array(1);
export const HASH_I32 = new Int32Array(HASH_F64.buffer);

// ---- record arithmetic (node.ts, non-forthcoming instance, no exclusive storage) ------------------------------------

/** removePri's numbers; `conflicts` is the primaries' tag conflicts afterwards, `missing` instanceDesiredLocationScore. */
export function removePriRecord(r: Float64Array, o: number, f: InstanceFacts, conflicts: number, missing: number): void {
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
export function addPriRecord(r: Float64Array, o: number, f: InstanceFacts, conflicts: number, missing: number): boolean {
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
export function componentsOf(r: Float64Array, o: number, out: Float64Array, at: number): void {
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

export function loadRecord(n: Node, r: Float64Array, o: number, conflicts: number): void {
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

