import { describe, expect, it } from "vitest";
import { policyProblems, type IPolicy } from "./instance-policy";

const ganetiDefault: IPolicy = {
  minmax: [{ min: { "memory-size": 128, "cpu-count": 1, "disk-size": 1024, "disk-count": 1, "nic-count": 1 }, max: { "memory-size": 32768, "cpu-count": 8, "disk-size": 1048576, "disk-count": 16, "nic-count": 8 } }],
  "disk-templates": ["drbd", "plain", "diskless", "file"],
};
const spec = { memory: 512, vcpus: 1, disks: [2048], nics: 1, diskTemplate: "plain" };

describe("the instance policy, before submitting", () => {
  it("admits what fits Ganeti's default policy", () => {
    expect(policyProblems(ganetiDefault, spec)).toEqual([]);
    expect(policyProblems(undefined, { ...spec, memory: 1 })).toEqual([]);
  });

  it("names each value out of bounds with the bound", () => {
    expect(policyProblems(ganetiDefault, { ...spec, memory: 64, vcpus: 12, disks: [512] })).toEqual([
      { field: "memory", message: "Memory: at least 128 MiB on this cluster (got 64 MiB)." },
      { field: "vcpus", message: "vCPUs: at most 8 on this cluster (got 12)." },
      { field: "disks", message: "Disk size: at least 1024 MiB on this cluster (got 512 MiB)." },
    ]);
  });

  it("does not count a diskless VM's disks, as Ganeti does not; refuses a template the policy leaves out", () => {
    expect(policyProblems(ganetiDefault, { ...spec, disks: [], diskTemplate: "diskless" })).toEqual([]);
    expect(policyProblems(ganetiDefault, { ...spec, disks: [], diskTemplate: "plain" })).toEqual([{ field: "disks", message: "Disks: at least 1 on this cluster (got 0)." }]);
    expect(policyProblems(ganetiDefault, { ...spec, diskTemplate: "rbd" })).toEqual([{ field: "diskTemplate", message: "Disk template: this cluster allows drbd, plain, diskless, file." }]);
  });

  it("admits what any one min/max pair admits", () => {
    const two: IPolicy = { minmax: [ganetiDefault.minmax![0]!, { min: { "memory-size": 65536 }, max: { "memory-size": 262144 } }] };
    expect(policyProblems(two, { ...spec, memory: 131072 })).toEqual([]);
    expect(policyProblems(two, { ...spec, memory: 40000 })).toEqual([{ field: "memory", message: "Memory: at most 32768 MiB on this cluster (got 40000 MiB)." }]);
  });
});
