// Placing and removing instances on a node (Ganeti's Node.hs addPri/addSec/removePri/removeSec and their forced
// variants): each returns a new node, or the failure mode that refuses the placement.
import type { Instance } from "./instance";
import { hasSecondary, notOffline, usesLocalStorage, usesMemory, usesSecMem } from "./instance";
import type { FailMode, OpResult } from "./types";
import { addUtil, bad, ok, subUtil } from "./types";
import { addTags, delTags } from "./count-maps";
import type { Node } from "./node";
import {
  instanceDesiredLocationScore,
  locationExclusionPairs,
  maxPeer,
  newFreeSpindles,
  newPDsk,
  rejectAddTags,
  removeFirst,
  spindleUse,
  unallocatedMem,
  unallocatedWith,
} from "./node";

export function removePri(n: Node, i: Instance): Node {
  const online = notOffline(i);
  const usesDisk = usesLocalStorage(i);
  const fMemForth = n.fMemForth + i.mem;
  const fDskForth = usesDisk ? n.fDskForth + i.dsk : n.fDskForth;
  const fSpindlesForth = newFreeSpindles(n, i, n.fSpindlesForth, false);
  const uCpuForth = online ? n.uCpuForth - i.vcpus : n.uCpuForth;
  const forth: Partial<Node> = {
    pTags: delTags(n.pTags, i.exclTags),
    pListForth: removeFirst(n.pListForth, i.idx),
    fMemForth,
    fDskForth,
    pMemForth: fMemForth / n.tMem,
    pDskForth: newPDsk(n, fSpindlesForth, fDskForth),
    uCpuForth,
    pCpuForth: uCpuForth / n.tCpu,
    utilLoadForth: subUtil(n.utilLoadForth, i.util),
    instSpindlesForth: spindleUse(n, i, n.instSpindlesForth, false),
    fSpindlesForth,
  };
  if (i.forthcoming) return { ...n, ...forth };
  const iMemNew = usesMemory(i) ? n.iMem - i.mem : n.iMem;
  const free = unallocatedWith(n, iMemNew);
  const fDsk = usesDisk ? n.fDsk + i.dsk : n.fDsk;
  const fSpindles = newFreeSpindles(n, i, n.fSpindles, false);
  const uCpu = online ? n.uCpu - i.vcpus : n.uCpu;
  return {
    ...n,
    pList: removeFirst(n.pList, i.idx),
    iMem: iMemNew,
    fDsk,
    failN1: free <= n.rMem,
    pMem: free / n.tMem,
    pDsk: newPDsk(n, fSpindles, fDsk),
    uCpu,
    pCpu: uCpu / n.tCpu,
    utilLoad: subUtil(n.utilLoad, i.util),
    instSpindles: spindleUse(n, i, n.instSpindles, false),
    fSpindles,
    locationScore: n.locationScore - i.locationScore - instanceDesiredLocationScore(n, i),
    instanceMap: delTags(n.instanceMap, locationExclusionPairs(n, i)),
    ...forth,
  };
}

export function removeSec(n: Node, i: Instance): Node {
  const usesDisk = usesLocalStorage(i);
  const fDskForth = usesDisk ? n.fDskForth + i.dsk : n.fDskForth;
  const fSpindlesForth = newFreeSpindles(n, i, n.fSpindlesForth, false);
  const forth: Partial<Node> = {
    sListForth: removeFirst(n.sListForth, i.idx),
    fDskForth,
    pDskForth: newPDsk(n, fSpindlesForth, fDskForth),
    utilLoadForth: { ...n.utilLoadForth, dsk: n.utilLoadForth.dsk - i.util.dsk },
    instSpindlesForth: spindleUse(n, i, n.instSpindlesForth, false),
    fSpindlesForth,
  };
  if (i.forthcoming) return { ...n, ...forth };
  const fDsk = usesDisk ? n.fDsk + i.dsk : n.fDsk;
  const fSpindles = newFreeSpindles(n, i, n.fSpindles, false);
  const oldPeer = n.peers.get(i.pNode) ?? 0;
  const newPeer = usesSecMem(i) ? oldPeer - i.mem : oldPeer;
  const peers = new Map(n.peers);
  if (newPeer > 0) peers.set(i.pNode, newPeer);
  else peers.delete(i.pNode);
  const rMem = oldPeer < n.rMem ? n.rMem : maxPeer(peers);
  return {
    ...n,
    sList: removeFirst(n.sList, i.idx),
    fDsk,
    peers,
    failN1: unallocatedMem(n) <= rMem,
    rMem,
    pDsk: newPDsk(n, fSpindles, fDsk),
    pRem: rMem / n.tMem,
    utilLoad: { ...n.utilLoad, dsk: n.utilLoad.dsk - i.util.dsk },
    instSpindles: spindleUse(n, i, n.instSpindles, false),
    fSpindles,
    ...forth,
  };
}

/** A forthcoming instance only reserves the "forth" resources (checked unless forced). */
function addForthcoming(strict: boolean, n: Node, forth: Partial<Node>, violation: () => OpResult<void>): OpResult<Node> {
  if (strict) {
    const v = violation();
    if (!v.ok) return bad(v.fail);
  }
  return ok({ ...n, ...forth });
}

export const addPri = (n: Node, i: Instance): OpResult<Node> => addPriEx(false, n, i);

/** Adds a primary instance; `force` skips the soft checks (N+1, CPU ratio, tags, low disk), as when leaving an offline node. */
export function addPriEx(force: boolean, n: Node, i: Instance): OpResult<Node> {
  const strict = !force;
  const online = notOffline(i);
  const usesDisk = usesLocalStorage(i);
  const lCpu = n.iPolicy.vcpuRatio;
  const fMemForth = n.fMemForth - i.mem;
  const fDskForth = usesDisk ? n.fDskForth - i.dsk : n.fDskForth;
  const fSpindlesForth = newFreeSpindles(n, i, n.fSpindlesForth, true);
  const instSpindlesForth = spindleUse(n, i, n.instSpindlesForth, true);
  const uCpuForth = online ? n.uCpuForth + i.vcpus : n.uCpuForth;
  const pCpuForth = uCpuForth / n.tCpu;
  const forthViolation = (): OpResult<void> => {
    if (fMemForth <= 0) return bad("FailMem");
    if (usesDisk && fDskForth <= 0) return bad("FailDisk");
    if (usesDisk && fDskForth < n.loDsk) return bad("FailDisk");
    if (usesDisk && n.exclStorage && fSpindlesForth < 0) return bad("FailSpindles");
    if (usesDisk && instSpindlesForth > n.hiSpindles) return bad("FailDisk");
    if (lCpu >= 0 && lCpu < pCpuForth) return bad("FailCPU");
    return ok(undefined);
  };
  const forth: Partial<Node> = {
    pTags: addTags(n.pTags, i.exclTags),
    pListForth: [i.idx, ...n.pListForth],
    fMemForth,
    fDskForth,
    pMemForth: fMemForth / n.tMem,
    pDskForth: newPDsk(n, fSpindlesForth, fDskForth),
    uCpuForth,
    pCpuForth,
    utilLoadForth: addUtil(n.utilLoadForth, i.util),
    instSpindlesForth,
    fSpindlesForth,
  };
  if (i.forthcoming) return addForthcoming(strict, n, forth, forthViolation);
  const iMemNew = usesMemory(i) ? n.iMem + i.mem : n.iMem;
  const free = unallocatedWith(n, iMemNew);
  const fDsk = usesDisk ? n.fDsk - i.dsk : n.fDsk;
  const fSpindles = newFreeSpindles(n, i, n.fSpindles, true);
  const instSpindles = spindleUse(n, i, n.instSpindles, true);
  const failN1 = free <= n.rMem;
  const uCpu = online ? n.uCpu + i.vcpus : n.uCpu;
  const pCpu = uCpu / n.tCpu;
  if (free <= 0) return bad("FailMem");
  if (usesDisk && fDsk <= 0) return bad("FailDisk");
  if (strict && usesDisk && fDsk < n.loDsk) return bad("FailDisk");
  if (usesDisk && n.exclStorage && fSpindles < 0) return bad("FailSpindles");
  if (strict && usesDisk && instSpindles > n.hiSpindles) return bad("FailDisk");
  if (strict && failN1 && !n.failN1) return bad("FailMem");
  if (strict && lCpu >= 0 && lCpu < pCpu) return bad("FailCPU");
  if (strict && rejectAddTags(n.pTags, i.exclTags)) return bad("FailTags");
  if (strict) {
    const v = forthViolation();
    if (!v.ok) return bad(v.fail);
  }
  return ok({
    ...n,
    pList: [i.idx, ...n.pList],
    iMem: iMemNew,
    fDsk,
    failN1,
    pMem: free / n.tMem,
    pDsk: newPDsk(n, fSpindles, fDsk),
    uCpu,
    pCpu,
    utilLoad: addUtil(n.utilLoad, i.util),
    instSpindles,
    fSpindles,
    locationScore: n.locationScore + i.locationScore + instanceDesiredLocationScore(n, i),
    instanceMap: addTags(n.instanceMap, locationExclusionPairs(n, i)),
    ...forth,
  });
}

/**
 * Whether addPriEx refuses `i` on `n` by a check that does not involve the resource the failure mode `varying`
 * shrinks (memory, disk sizes or vCPUs; spindle and policy checks are left out): then no instance that differs from
 * `i` only in that resource fits `n` as a primary. hspace's tiered shrinking uses it to skip shrink chains that
 * cannot fit anywhere. Mirrors addPriEx's checks for instances that are not forthcoming (false for those).
 */
export function refusesWhateverShrinks(force: boolean, n: Node, i: Instance, varying: FailMode): boolean {
  if (i.forthcoming) return false;
  const strict = !force;
  if (varying !== "FailMem") {
    const free = unallocatedWith(n, usesMemory(i) ? n.iMem + i.mem : n.iMem);
    if (free <= 0) return true;
    if (strict && free <= n.rMem && !n.failN1) return true;
    if (strict && n.fMemForth - i.mem <= 0) return true;
  }
  if (varying !== "FailDisk" && usesLocalStorage(i)) {
    const fDsk = n.fDsk - i.dsk;
    const fDskForth = n.fDskForth - i.dsk;
    if (fDsk <= 0) return true;
    if (strict && (fDsk < n.loDsk || fDskForth <= 0 || fDskForth < n.loDsk)) return true;
  }
  const lCpu = n.iPolicy.vcpuRatio;
  if (varying !== "FailCPU" && strict && lCpu >= 0) {
    const vcpus = notOffline(i) ? i.vcpus : 0;
    if (lCpu < (n.uCpu + vcpus) / n.tCpu || lCpu < (n.uCpuForth + vcpus) / n.tCpu) return true;
  }
  return strict && rejectAddTags(n.pTags, i.exclTags);
}

export const addSec = (n: Node, i: Instance, pdx: number): OpResult<Node> => addSecExEx(false, false, n, i, pdx);
export const addSecEx = (force: boolean, n: Node, i: Instance, pdx: number): OpResult<Node> => addSecExEx(false, force, n, i, pdx);

/** Adds a secondary instance for primary `pdx`; `ignoreDisks` only for failing over off an offline primary. */
export function addSecExEx(ignoreDisks: boolean, force: boolean, n: Node, i: Instance, pdx: number): OpResult<Node> {
  const strict = !force;
  const secondaryNeededMem = usesSecMem(i) ? i.mem : 0;
  const newPeer = (n.peers.get(pdx) ?? 0) + secondaryNeededMem;
  const fDskForth = n.fDskForth - i.dsk;
  const fSpindlesForth = newFreeSpindles(n, i, n.fSpindlesForth, true);
  const instSpindlesForth = spindleUse(n, i, n.instSpindlesForth, true);
  const forthViolation = (): OpResult<void> => {
    if (!hasSecondary(i)) return bad("FailDisk");
    if (fDskForth <= 0) return bad("FailDisk");
    if (fDskForth < n.loDsk) return bad("FailDisk");
    if (n.exclStorage && fSpindlesForth < 0) return bad("FailSpindles");
    if (instSpindlesForth > n.hiSpindles) return bad("FailDisk");
    if (secondaryNeededMem >= n.fMemForth) return bad("FailMem");
    return ok(undefined);
  };
  const forth: Partial<Node> = {
    sListForth: [i.idx, ...n.sListForth],
    fDskForth,
    pDskForth: newPDsk(n, fSpindlesForth, fDskForth),
    utilLoadForth: { ...n.utilLoadForth, dsk: n.utilLoadForth.dsk + i.util.dsk },
    instSpindlesForth,
    fSpindlesForth,
  };
  if (i.forthcoming) return addForthcoming(strict, n, forth, forthViolation);
  const fDsk = n.fDsk - i.dsk;
  const fSpindles = newFreeSpindles(n, i, n.fSpindles, true);
  const instSpindles = spindleUse(n, i, n.instSpindles, true);
  const rMem = Math.max(n.rMem, newPeer);
  const oldFree = unallocatedMem(n);
  const failN1 = oldFree <= rMem;
  if (!hasSecondary(i)) return bad("FailDisk");
  if (!ignoreDisks && fDsk <= 0) return bad("FailDisk");
  if (strict && fDsk < n.loDsk) return bad("FailDisk");
  if (n.exclStorage && fSpindles < 0) return bad("FailSpindles");
  if (strict && instSpindles > n.hiSpindles) return bad("FailDisk");
  if (strict && secondaryNeededMem >= oldFree) return bad("FailMem");
  if (strict && failN1 && !n.failN1) return bad("FailMem");
  if (strict) {
    const v = forthViolation();
    if (!v.ok) return bad(v.fail);
  }
  const peers = new Map(n.peers);
  peers.set(pdx, newPeer);
  return ok({
    ...n,
    sList: [i.idx, ...n.sList],
    fDsk,
    peers,
    failN1,
    rMem,
    pDsk: newPDsk(n, fSpindles, fDsk),
    pRem: rMem / n.tMem,
    utilLoad: { ...n.utilLoad, dsk: n.utilLoad.dsk + i.util.dsk },
    instSpindles,
    fSpindles,
    ...forth,
  });
}

/** Migration is allowed when every migration tag of the source is receivable by the target. */
export function checkMigration(src: Node, dst: Node): OpResult<void> {
  for (const t of src.migTags) if (!dst.rmigTags.has(t)) return bad("FailMig");
  return ok(undefined);
}

