// An instance as htools sees it (Ganeti's HTools/Instance.hs): resources, placement by node index, tags and the
// policy checks. Plain objects; every update returns a copy.
import type { DiskTemplate, DynUtil, InstanceStatus, IPolicy, ISpec, MinMaxISpecs, OpResult } from "./types";
import { bad, baseUtil, localStorageTemplate, mirrorType, movableTemplate, ok, UNIT_CPU, UNIT_DSK, UNIT_MEM, UNIT_SPINDLE } from "./types";

export type Disk = { size: number; spindles: number | null };

export type Nic = { mac?: string | null; ip?: string | null; mode?: string | null; link?: string | null; bridge?: string | null; network?: string | null };

export type Instance = {
  name: string;
  /** The name without the cluster's common domain suffix (for display). */
  alias: string;
  mem: number;
  /** Total disk (MiB). */
  dsk: number;
  disks: Disk[];
  vcpus: number;
  runSt: InstanceStatus;
  pNode: number;
  /** Secondary node index, or NO_SECONDARY. */
  sNode: number;
  idx: number;
  util: DynUtil;
  movable: boolean;
  autoBalance: boolean;
  diskTemplate: DiskTemplate;
  spindleUse: number;
  allTags: string[];
  exclTags: string[];
  dsrdLocTags: Set<string>;
  /** Number of location tags the primary and secondary share (a common failure domain). */
  locationScore: number;
  forthcoming: boolean;
  nics: Nic[];
};

export const NO_SECONDARY = -1;

export type NewInstance = {
  name: string;
  mem: number;
  dsk: number;
  disks?: Disk[];
  vcpus: number;
  runSt?: InstanceStatus;
  tags?: string[];
  autoBalance?: boolean;
  pNode?: number;
  sNode?: number;
  diskTemplate: DiskTemplate;
  spindleUse?: number;
  nics?: Nic[];
  forthcoming?: boolean;
};

export function createInstance(init: NewInstance): Instance {
  return {
    name: init.name,
    alias: init.name,
    mem: init.mem,
    dsk: init.dsk,
    disks: init.disks ?? [{ size: init.dsk, spindles: null }],
    vcpus: init.vcpus,
    runSt: init.runSt ?? "running",
    pNode: init.pNode ?? NO_SECONDARY,
    sNode: init.sNode ?? NO_SECONDARY,
    idx: -1,
    util: baseUtil,
    movable: movableTemplate(init.diskTemplate),
    autoBalance: init.autoBalance ?? true,
    diskTemplate: init.diskTemplate,
    spindleUse: init.spindleUse ?? 1,
    allTags: init.tags ?? [],
    exclTags: [],
    dsrdLocTags: new Set(),
    locationScore: 0,
    forthcoming: init.forthcoming ?? false,
    nics: init.nics ?? [],
  };
}

export const isRunning = (i: Instance): boolean => i.runSt === "running" || i.runSt === "ERROR_up";
export const isOffline = (i: Instance): boolean => i.runSt === "ADMIN_offline";
export const notOffline = (i: Instance): boolean => !isOffline(i);
export const instanceDown = (i: Instance): boolean => !isRunning(i) && !isOffline(i);

/** Whether the instance's memory is in use on its primary (§2.1: running or in an error state where it may run). */
export function usesMemory(i: Instance): boolean {
  switch (i.runSt) {
    case "running":
    case "ERROR_up":
    case "ERROR_nodedown":
    case "ERROR_nodeoffline":
    case "ERROR_wrongnode":
      return true;
    default:
      return false;
  }
}

/** Whether the secondary must keep the instance's memory free for a failover. */
export const usesSecMem = (i: Instance): boolean => notOffline(i) && i.autoBalance;
export const usesLocalStorage = (i: Instance): boolean => localStorageTemplate(i.diskTemplate);
export const hasSecondary = (i: Instance): boolean => i.diskTemplate === "drbd";
export const requiredNodes = (template: DiskTemplate): 1 | 2 => (template === "drbd" ? 2 : 1);
export const allNodes = (i: Instance): number[] => (hasSecondary(i) ? [i.pNode, i.sNode] : [i.pNode]);
export const instanceMirrorType = (i: Instance) => mirrorType(i.diskTemplate);

export function totalSpindles(i: Instance): number | null {
  let sum = 0;
  for (const d of i.disks) {
    if (d.spindles === null) return null;
    sum += d.spindles;
  }
  return sum;
}

export const setIdx = (i: Instance, idx: number): Instance => ({ ...i, idx });
export const setAlias = (i: Instance, alias: string): Instance => ({ ...i, alias });
export const setPri = (i: Instance, pNode: number): Instance => ({ ...i, pNode });
export const setSec = (i: Instance, sNode: number): Instance => ({ ...i, sNode });
export const setBoth = (i: Instance, pNode: number, sNode: number): Instance => ({ ...i, pNode, sNode });
export const setMovable = (i: Instance, movable: boolean): Instance => ({ ...i, movable });

/** Compare the instance against a spec: `which` -1 fails when the instance is below it, +1 when above. */
function compareISpec(which: -1 | 1, i: Instance, spec: ISpec, exclStorage: boolean): OpResult<void> {
  const cmp = (a: number, b: number) => Math.sign(a - b);
  if (cmp(i.mem, spec.memorySize) === which) return bad("FailMem");
  if (i.disks.some((d) => cmp(d.size, spec.diskSize) === which)) return bad("FailDisk");
  if (cmp(i.vcpus, spec.cpuCount) === which) return bad("FailCPU");
  if (exclStorage) {
    const sp = totalSpindles(i);
    if (sp === null || cmp(sp, spec.spindleUse) === which) return bad("FailSpindles");
  } else if (cmp(i.spindleUse, spec.spindleUse) === which) {
    return bad("FailSpindles");
  }
  if (i.diskTemplate !== "diskless" && cmp(i.disks.length, spec.diskCount) === which) return bad("FailDiskCount");
  return ok(undefined);
}

function matchesMinMax(i: Instance, mm: MinMaxISpecs, exclStorage: boolean): OpResult<void> {
  const above = compareISpec(-1, i, mm.min, exclStorage);
  return above.ok ? compareISpec(1, i, mm.max, exclStorage) : above;
}

/** Ganeti's instMatchesPolicy: some min/max pair contains the instance, and its template is allowed. */
export function instMatchesPolicy(i: Instance, ipolicy: IPolicy, exclStorage: boolean): OpResult<void> {
  if (ipolicy.minmax.length > 0) {
    // As Ganeti's foldr: the result of the last pair tried, trying from the last pair backwards until one matches.
    let result: OpResult<void> = bad("FailInternal");
    for (let k = ipolicy.minmax.length - 1; k >= 0; k--) {
      if (result.ok) break;
      result = matchesMinMax(i, ipolicy.minmax[k]!, exclStorage);
    }
    if (!result.ok) return result;
  }
  return ipolicy.diskTemplates.includes(i.diskTemplate) ? ok(undefined) : bad("FailDisk");
}

/** hspace's tiered shrinking: make the instance one unit smaller in the resource that failed. */
export function shrinkByType(i: Instance, fail: string): { ok: true; value: Instance } | { ok: false; error: string } {
  switch (fail) {
    case "FailMem": {
      const v = i.mem - UNIT_MEM;
      return v < UNIT_MEM ? { ok: false, error: "out of memory" } : { ok: true, value: { ...i, mem: v } };
    }
    case "FailDisk": {
      const disks = i.disks.map((d) => ({ ...d, size: d.size - UNIT_DSK }));
      if (disks.some((d) => d.size < UNIT_DSK)) return { ok: false, error: "out of disk" };
      return { ok: true, value: { ...i, dsk: i.dsk - i.disks.length * UNIT_DSK, disks } };
    }
    case "FailCPU": {
      const v = i.vcpus - UNIT_CPU;
      return v < UNIT_CPU ? { ok: false, error: "out of vcpus" } : { ok: true, value: { ...i, vcpus: v } };
    }
    case "FailSpindles": {
      if (i.disks.length !== 1) return { ok: false, error: `Expected one disk, but found ${i.disks.length}` };
      const d = i.disks[0]!;
      if (d.spindles === null) return { ok: false, error: "No spindles, shouldn't have happened" };
      const v = d.spindles - UNIT_SPINDLE;
      return v < UNIT_SPINDLE ? { ok: false, error: "out of spindles" } : { ok: true, value: { ...i, disks: [{ size: d.size, spindles: v }] } };
    }
    default:
      return { ok: false, error: `Unhandled failure mode ${fail}` };
  }
}
