// Instance policy checks (Ganeti's ComputeIPolicySpecViolation): a spec must fit one min/max pair and use an
// allowed disk template. Messages are Ganeti's.
import type { ConfigStore } from "../../config/config-store";
import { OpPrereqError } from "../../errors";
import { effectiveIpolicy, fillBeparams } from "../../objects/fill";
import type { DiskTemplate, Instance, InstancePolicy, ISpec } from "../../objects/types";

export type InstanceShape = {
  memory: number;
  vcpus: number;
  diskSizes: number[];
  nicCount: number;
  spindleUse: number;
  template: DiskTemplate;
};

/** An existing instance's shape, as the policy sees it. */
export function instanceShape(config: ConfigStore, instance: Instance): InstanceShape {
  const be = fillBeparams(config.cluster, instance);
  return {
    memory: be.maxmem,
    vcpus: be.vcpus,
    diskSizes: config.instanceDisks(instance).map((d) => d.size),
    nicCount: instance.nics.length,
    spindleUse: be.spindle_use,
    template: instance.disk_template,
  };
}

export function policyViolations(policy: InstancePolicy, shape: InstanceShape): string[] {
  const violations: string[] = [];
  if (!policy["disk-templates"].includes(shape.template)) {
    violations.push(`Disk template ${shape.template} is not allowed (allowed templates: ${policy["disk-templates"].join(", ")})`);
  }
  const checks: Array<[keyof ISpec, number[]]> = [
    ["memory-size", [shape.memory]],
    ["cpu-count", [shape.vcpus]],
    // Diskless instances have no disks to check against disk-count and disk-size.
    ["disk-count", shape.template === "diskless" ? [] : [shape.diskSizes.length]],
    ["disk-size", shape.template === "diskless" ? [] : shape.diskSizes],
    ["nic-count", [shape.nicCount]],
    ["spindle-use", [shape.spindleUse]],
  ];
  let best: string[] | null = null;
  for (const { min, max } of policy.minmax) {
    const found: string[] = [];
    for (const [name, values] of checks) {
      for (const value of values) {
        if (value < min[name] || value > max[name]) found.push(`${name} value ${value} is not in range [${min[name]}, ${max[name]}]`);
      }
    }
    if (found.length === 0) return violations;
    if (!best) best = found;
  }
  return [...violations, ...(best ?? [])];
}

/** Throws Ganeti's OpPrereqError when placing the instance in the group breaks the group's policy. */
export function checkPolicy(config: ConfigStore, groupUuid: string, shape: InstanceShape, action = "allocation"): void {
  const group = config.group(groupUuid);
  const violations = policyViolations(effectiveIpolicy(config.cluster, group), shape);
  if (violations.length) {
    throw new OpPrereqError(
      `Instance ${action} to group ${groupUuid} (${group?.name ?? "?"}) violates policy: ${violations.join(", ")}`,
      "wrong_input",
    );
  }
}
