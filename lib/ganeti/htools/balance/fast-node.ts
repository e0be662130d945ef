// The score contributions of a target node after taking an instance, without building the node: the same checks
// and arithmetic as the model's addPriEx / addSecExEx (node.ts), for the common case only (a real instance, no
// exclusive storage); the location-exclusion pairs are accounted apart (scorer.ts pairsDelta). hbal calls these for
// every (instance, target) pair, so they must not allocate; anything else goes through the model itself. `fast-node.test.ts` checks both
// agree on random clusters, value for value.
import type { Instance } from "../instance";
import { hasSecondary, notOffline, usesLocalStorage, usesMemory, usesSecMem } from "../instance";
import { METRIC_COMPONENTS } from "../metrics";
import type { Node } from "../node";

const EXPECTED = [
  "free_mem_cv", "free_disk_cv", "n1_cnt", "reserved_mem_cv", "offline_all_cnt", "offline_pri_cnt", "vcpu_ratio_cv",
  "cpu_load_cv", "mem_load_cv", "disk_load_cv", "net_load_cv", "pri_tags_score", "spindles_cv", "free_mem_cv_forth",
  "free_disk_cv_forth", "vcpu_ratio_cv_forth", "spindles_cv_forth", "location_score", "location_exclusion_score",
  "reserved_mem_rtotal",
];

/** The fast path knows the score's components by position; if the model's list ever changes, it stands aside. */
export const FAST_PATH_AVAILABLE = METRIC_COMPONENTS.length === EXPECTED.length && METRIC_COMPONENTS.every((c, k) => c.name === EXPECTED[k]);

/** Whether adding `i` to `n` is in the common case the fast path covers. */
export const fastPathApplies = (n: Node, i: Instance): boolean => FAST_PATH_AVAILABLE && !i.forthcoming && !n.exclStorage;

const pDskOf = (free: number, total: number): number => (total === 0 ? 1 : free / total);

function conflictsAfterAdding(n: Node, tags: readonly string[]): number {
  let sum = 0;
  for (const v of n.pTags.values()) sum += v;
  let conflicts = sum - n.pTags.size;
  for (let k = 0; k < tags.length; k++) {
    const t = tags[k]!;
    if (n.pTags.has(t) || tags.indexOf(t) < k) conflicts++;
  }
  return conflicts;
}

function desiredMissing(n: Node, i: Instance): number {
  if (i.dsrdLocTags.size === 0) return 0;
  let missing = 0;
  for (const t of i.dsrdLocTags) if (!n.locationTags.has(t)) missing++;
  return missing;
}

/**
 * Writes into `out` the component values of `n` once `i` is its primary (addPriEx `force` `n` `i`); false when the
 * model would refuse. `base` is `n`'s own component vector. Only for `fastPathApplies(n, i)`.
 */
export function addPriVector(force: boolean, n: Node, i: Instance, base: ArrayLike<number>, out: Float64Array): boolean {
  const strict = !force;
  const online = notOffline(i);
  const usesDisk = usesLocalStorage(i);
  const lCpu = n.iPolicy.vcpuRatio;
  const iMem = usesMemory(i) ? n.iMem + i.mem : n.iMem;
  const free = Math.trunc(n.tMem) - n.nMem - iMem - Math.max(0, n.xMem);
  const fDsk = usesDisk ? n.fDsk - i.dsk : n.fDsk;
  const instSpindles = usesDisk ? n.instSpindles + i.spindleUse : n.instSpindles;
  const failN1 = free <= n.rMem;
  const uCpu = online ? n.uCpu + i.vcpus : n.uCpu;
  const pCpu = uCpu / n.tCpu;
  if (free <= 0) return false;
  if (usesDisk && fDsk <= 0) return false;
  if (strict && usesDisk && fDsk < n.loDsk) return false;
  if (strict && usesDisk && instSpindles > n.hiSpindles) return false;
  if (strict && failN1 && !n.failN1) return false;
  if (strict && lCpu >= 0 && lCpu < pCpu) return false;
  if (strict) for (const t of i.exclTags) if (n.pTags.has(t)) return false;
  const fMemForth = n.fMemForth - i.mem;
  const fDskForth = usesDisk ? n.fDskForth - i.dsk : n.fDskForth;
  const instSpindlesForth = usesDisk ? n.instSpindlesForth + i.spindleUse : n.instSpindlesForth;
  const uCpuForth = online ? n.uCpuForth + i.vcpus : n.uCpuForth;
  const pCpuForth = uCpuForth / n.tCpu;
  if (strict) {
    if (fMemForth <= 0) return false;
    if (usesDisk && fDskForth <= 0) return false;
    if (usesDisk && fDskForth < n.loDsk) return false;
    if (usesDisk && instSpindlesForth > n.hiSpindles) return false;
    if (lCpu >= 0 && lCpu < pCpuForth) return false;
  }
  const pCount = n.pList.length + 1;
  const count = pCount + n.sList.length;
  out[0] = free / n.tMem;
  out[1] = pDskOf(fDsk, n.tDsk);
  out[2] = failN1 ? count : 0;
  out[3] = base[3]!;
  out[4] = count;
  out[5] = pCount;
  out[6] = pCpu / n.tCpuSpeed;
  out[7] = (n.utilLoad.cpu + i.util.cpu) / n.utilPool.cpu;
  out[8] = (n.utilLoad.mem + i.util.mem) / n.utilPool.mem;
  out[9] = (n.utilLoad.dsk + i.util.dsk) / n.utilPool.dsk;
  out[10] = (n.utilLoad.net + i.util.net) / n.utilPool.net;
  out[11] = i.exclTags.length === 0 ? base[11]! : conflictsAfterAdding(n, i.exclTags);
  out[12] = instSpindles / n.hiSpindles;
  out[13] = fMemForth / n.tMem;
  out[14] = pDskOf(fDskForth, n.tDsk);
  out[15] = pCpuForth / n.tCpuSpeed;
  out[16] = instSpindlesForth / n.hiSpindles;
  out[17] = n.locationScore + i.locationScore + desiredMissing(n, i);
  out[18] = 0;
  out[19] = base[19]!;
  return true;
}

/**
 * Writes into `out` the component values of `n` once `i` has it as secondary for primary `pdx` (addSecExEx
 * `ignoreDisks` `force`); false when the model would refuse. Only for `fastPathApplies(n, i)`.
 */
export function addSecVector(
  force: boolean,
  n: Node,
  i: Instance,
  pdx: number,
  base: ArrayLike<number>,
  out: Float64Array,
  ignoreDisks = false,
): boolean {
  const strict = !force;
  if (!hasSecondary(i)) return false;
  const usesDisk = usesLocalStorage(i);
  const needed = usesSecMem(i) ? i.mem : 0;
  const newPeer = (n.peers.get(pdx) ?? 0) + needed;
  const fDsk = n.fDsk - i.dsk;
  const instSpindles = usesDisk ? n.instSpindles + i.spindleUse : n.instSpindles;
  const rMem = Math.max(n.rMem, newPeer);
  const oldFree = Math.trunc(n.tMem) - n.nMem - n.iMem - Math.max(0, n.xMem);
  const failN1 = oldFree <= rMem;
  if (!ignoreDisks && fDsk <= 0) return false;
  if (strict && fDsk < n.loDsk) return false;
  if (strict && instSpindles > n.hiSpindles) return false;
  if (strict && needed >= oldFree) return false;
  if (strict && failN1 && !n.failN1) return false;
  const fDskForth = n.fDskForth - i.dsk;
  const instSpindlesForth = usesDisk ? n.instSpindlesForth + i.spindleUse : n.instSpindlesForth;
  if (strict) {
    if (fDskForth <= 0) return false;
    if (fDskForth < n.loDsk) return false;
    if (instSpindlesForth > n.hiSpindles) return false;
    if (needed >= n.fMemForth) return false;
  }
  const count = n.pList.length + n.sList.length + 1;
  for (let k = 0; k < 20; k++) out[k] = base[k]!;
  out[1] = pDskOf(fDsk, n.tDsk);
  out[2] = failN1 ? count : 0;
  out[3] = rMem / n.tMem;
  out[4] = count;
  out[9] = (n.utilLoad.dsk + i.util.dsk) / n.utilPool.dsk;
  out[12] = instSpindles / n.hiSpindles;
  out[14] = pDskOf(fDskForth, n.tDsk);
  out[16] = instSpindlesForth / n.hiSpindles;
  out[19] = rMem / n.tMem;
  return true;
}
