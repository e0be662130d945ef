// htools' basic types (Ganeti's src/Ganeti/HTools/Types.hs): failure modes, instance policies, dynamic utilisation,
// disk templates and instance statuses as htools sees them.

export type FailMode =
  | "FailMem"
  | "FailDisk"
  | "FailCPU"
  | "FailN1"
  | "FailTags"
  | "FailMig"
  | "FailDiskCount"
  | "FailSpindles"
  | "FailInternal";

export const FAIL_MODES: readonly FailMode[] = [
  "FailMem",
  "FailDisk",
  "FailCPU",
  "FailN1",
  "FailTags",
  "FailMig",
  "FailDiskCount",
  "FailSpindles",
  "FailInternal",
];

/** The result of a placement step: the new value, or why it cannot be done. */
export type OpResult<T> = { ok: true; value: T } | { ok: false; fail: FailMode };

export const ok = <T>(value: T): OpResult<T> => ({ ok: true, value });
export const bad = <T = never>(fail: FailMode): OpResult<T> => ({ ok: false, fail });

export type ISpec = {
  memorySize: number;
  cpuCount: number;
  diskSize: number;
  diskCount: number;
  nicCount: number;
  spindleUse: number;
};

export type MinMaxISpecs = { min: ISpec; max: ISpec };

export type IPolicy = {
  minmax: MinMaxISpecs[];
  std: ISpec;
  diskTemplates: DiskTemplate[];
  vcpuRatio: number;
  spindleRatio: number;
};

/** Ganeti's disk templates in its enumeration order (the order `[minBound..maxBound]` lists them). */
export const DISK_TEMPLATES = ["diskless", "file", "sharedfile", "plain", "blockdev", "drbd", "rbd", "ext", "gluster"] as const;
export type DiskTemplate = (typeof DISK_TEMPLATES)[number];

export function isDiskTemplate(value: string): value is DiskTemplate {
  return (DISK_TEMPLATES as readonly string[]).includes(value);
}

export type MirrorType = "internal" | "external" | "none";

export function mirrorType(template: DiskTemplate): MirrorType {
  if (template === "drbd") return "internal";
  if (template === "sharedfile" || template === "blockdev" || template === "rbd" || template === "ext" || template === "gluster") {
    return "external";
  }
  return "none";
}

/** Templates whose instances htools may move (Instance.movableDiskTemplates). */
export function movableTemplate(template: DiskTemplate): boolean {
  return template === "drbd" || mirrorType(template) === "external";
}

/** Templates whose disks count against the node's free disk (Instance.localStorageTemplates). */
export function localStorageTemplate(template: DiskTemplate): boolean {
  return template === "drbd" || template === "plain";
}

export const INSTANCE_STATUSES = [
  "running",
  "ADMIN_down",
  "ADMIN_offline",
  "ERROR_up",
  "ERROR_down",
  "ERROR_nodedown",
  "ERROR_nodeoffline",
  "ERROR_wrongnode",
  "USER_down",
] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

export function isInstanceStatus(value: string): value is InstanceStatus {
  return (INSTANCE_STATUSES as readonly string[]).includes(value);
}

export const ALLOC_POLICIES = ["preferred", "last_resort", "unallocable"] as const;
export type AllocPolicy = (typeof ALLOC_POLICIES)[number];

export function isAllocPolicy(value: string): value is AllocPolicy {
  return (ALLOC_POLICIES as readonly string[]).includes(value);
}

/** Dynamic utilisation (cpu, memory, disk, network), 1 each by default. */
export type DynUtil = { cpu: number; mem: number; dsk: number; net: number };
export const baseUtil: DynUtil = Object.freeze({ cpu: 1, mem: 1, dsk: 1, net: 1 });
export const zeroUtil: DynUtil = Object.freeze({ cpu: 0, mem: 0, dsk: 0, net: 0 });

export const addUtil = (a: DynUtil, b: DynUtil): DynUtil => ({ cpu: a.cpu + b.cpu, mem: a.mem + b.mem, dsk: a.dsk + b.dsk, net: a.net + b.net });
export const subUtil = (a: DynUtil, b: DynUtil): DynUtil => ({ cpu: a.cpu - b.cpu, mem: a.mem - b.mem, dsk: a.dsk - b.dsk, net: a.net - b.net });

/** Ganeti's default instance policy (constants ipolicy defaults; all disk templates allowed). */
export const defaultIPolicy: IPolicy = Object.freeze({
  minmax: [
    {
      min: { memorySize: 128, cpuCount: 1, diskSize: 1024, diskCount: 1, nicCount: 1, spindleUse: 1 },
      max: { memorySize: 32768, cpuCount: 8, diskSize: 1024 * 1024, diskCount: 16, nicCount: 8, spindleUse: 12 },
    },
  ],
  std: { memorySize: 128, cpuCount: 1, diskSize: 1024, diskCount: 1, nicCount: 1, spindleUse: 1 },
  diskTemplates: [...DISK_TEMPLATES],
  vcpuRatio: 4,
  spindleRatio: 32,
}) as IPolicy;

/** Reserved disk ratio default (Types.defReservedDiskRatio). */
export const defaultReservedDiskRatio = 0;

/** Steps by which hspace shrinks a tiered spec (Types.unitMem/unitDsk/unitCpu/unitSpindle). */
export const UNIT_MEM = 64;
export const UNIT_DSK = 256;
export const UNIT_CPU = 1;
export const UNIT_SPINDLE = 1;

/** Input htools cannot use: a parse error or an inconsistent cluster description. Message as Ganeti prints it. */
export class HtoolsInputError extends Error {
  override readonly name = "HtoolsInputError";
}
