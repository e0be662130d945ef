// The cluster's instance policy (Ganeti's ipolicy) applied to a VM request before it is submitted, the way Ganeti's
// ComputeIPolicySpecViolation does: memory, vCPUs, NICs and each disk's size between some min/max pair, the disk
// count too unless the VM is diskless, and the disk template among the allowed ones. The cluster checks again; this
// lets the wizard say so while the user types.
export type ISpec = Partial<Record<"memory-size" | "cpu-count" | "disk-size" | "disk-count" | "nic-count" | "spindle-use", number>>;
export type IPolicy = { minmax?: Array<{ min: ISpec; max: ISpec }>; std?: ISpec; "disk-templates"?: string[] };

export type VmSpec = { memory: number; vcpus: number; disks: number[]; nics: number; diskTemplate: string };
export type PolicyProblem = { field: "memory" | "vcpus" | "disks" | "diskTemplate"; message: string };

const WORDS = { "memory-size": ["memory", "Memory", "MiB"], "cpu-count": ["vcpus", "vCPUs", ""], "disk-size": ["disks", "Disk size", "MiB"], "disk-count": ["disks", "Disks", ""], "nic-count": ["disks", "NICs", ""] } as const;

function violations(spec: VmSpec, pair: { min: ISpec; max: ISpec }): PolicyProblem[] {
  const checks: Array<[keyof typeof WORDS, number]> = [["memory-size", spec.memory], ["cpu-count", spec.vcpus], ["nic-count", spec.nics], ...spec.disks.map((d): [keyof typeof WORDS, number] => ["disk-size", d])];
  if (spec.diskTemplate !== "diskless") checks.push(["disk-count", spec.disks.length]);
  const problems: PolicyProblem[] = [];
  for (const [key, value] of checks) {
    const [field, word, unit] = WORDS[key];
    const min = pair.min[key];
    const max = pair.max[key];
    const u = unit ? ` ${unit}` : "";
    if (min !== undefined && value < min) problems.push({ field, message: `${word}: at least ${min}${u} on this cluster (got ${value}${u}).` });
    else if (max !== undefined && value > max) problems.push({ field, message: `${word}: at most ${max}${u} on this cluster (got ${value}${u}).` });
  }
  return problems;
}

/** What the request breaks of the policy: none when any min/max pair admits it (Ganeti's rule). */
export function policyProblems(policy: IPolicy | undefined, spec: VmSpec): PolicyProblem[] {
  if (!policy) return [];
  const allowed = policy["disk-templates"];
  const template: PolicyProblem[] = allowed && !allowed.includes(spec.diskTemplate) ? [{ field: "diskTemplate", message: `Disk template: this cluster allows ${allowed.join(", ")}.` }] : [];
  const pairs = policy.minmax ?? [];
  if (!pairs.length) return template;
  const each = pairs.map((pair) => violations(spec, pair));
  const fitting = each.find((problems) => problems.length === 0);
  return [...template, ...(fitting ? [] : each[0]!)];
}
