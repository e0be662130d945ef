// gnt-cluster modify's options and the OP_CLUSTER_SET_PARAMS they build.
import type { OpInput } from "../../jobs/job";
import { UsageError, type OptionSpec, type Options } from "../command";
import { parseKeyValues } from "../values";

export const CLUSTER_MODIFY_OPTIONS: Record<string, OptionSpec> = {
  candidatePoolSize: { type: "string", short: "C", help: "Master candidate pool size", arg: "N" },
  enabledHypervisors: { type: "string", help: "Comma-separated enabled hypervisors", arg: "HV,..." },
  enabledDiskTemplates: { type: "string", help: "Comma-separated enabled disk templates", arg: "T,..." },
  backendParameters: { type: "string", short: "B", help: "Default instance backend parameters", arg: "PARAMS" },
  hypervisorParameters: { type: "string", short: "H", multiple: true, help: "Hypervisor parameters, HV:key=value,...", arg: "HV:PARAMS" },
  nicParameters: { type: "string", short: "N", help: "Default NIC parameters", arg: "PARAMS" },
  fileStorageDir: { type: "string", help: "Where file disks live on every node", arg: "DIR" },
  sharedFileStorageDir: { type: "string", help: "Where sharedfile disks live (storage every node shares)", arg: "DIR" },
  defaultIallocator: { type: "string", help: "Default instance allocator", arg: "NAME" },
  macPrefix: { type: "string", help: "MAC prefix for new instances", arg: "PREFIX" },
  maxRunningJobs: { type: "string", help: "Jobs that may run at once", arg: "N" },
  ipolicyDiskTemplates: { type: "string", help: "Disk templates the instance policy allows", arg: "T,..." },
  ipolicyVcpuRatio: { type: "string", help: "Instance policy vCPU ratio", arg: "RATIO" },
  ipolicyStdSpecs: { type: "string", help: "Standard instance spec, e.g. memory-size=128,cpu-count=1", arg: "SPEC" },
  ipolicyBoundsSpecs: { type: "string", help: "min:memory-size=128,...,/max:memory-size=32768,...", arg: "SPECS" },
};

export function clusterModifyOps(o: Options): OpInput[] {
  const op: OpInput = { OP_ID: "OP_CLUSTER_SET_PARAMS" };
  const int = (v: unknown, name: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} needs a whole number, not '${v}'`);
    return n;
  };
  if (o.candidatePoolSize !== undefined) op.candidate_pool_size = int(o.candidatePoolSize, "candidate-pool-size");
  if (o.enabledHypervisors) op.enabled_hypervisors = String(o.enabledHypervisors).split(",");
  if (o.enabledDiskTemplates) op.enabled_disk_templates = String(o.enabledDiskTemplates).split(",");
  if (o.backendParameters) op.beparams = parseKeyValues(String(o.backendParameters), "-B");
  if (o.nicParameters) op.nicparams = parseKeyValues(String(o.nicParameters), "-N");
  if (Array.isArray(o.hypervisorParameters)) {
    op.hvparams = Object.fromEntries(
      o.hypervisorParameters.map((spec) => {
        const [hv, rest = ""] = spec.split(/:(.*)/s);
        return [hv, parseKeyValues(rest, "-H")];
      }),
    );
  }
  if (o.fileStorageDir) op.file_storage_dir = String(o.fileStorageDir);
  if (o.sharedFileStorageDir) op.shared_file_storage_dir = String(o.sharedFileStorageDir);
  if (o.defaultIallocator) op.default_iallocator = o.defaultIallocator;
  if (o.macPrefix) op.mac_prefix = o.macPrefix;
  if (o.maxRunningJobs !== undefined) op.max_running_jobs = int(o.maxRunningJobs, "max-running-jobs");
  const ipolicy: Record<string, unknown> = {};
  if (o.ipolicyDiskTemplates) ipolicy["disk-templates"] = String(o.ipolicyDiskTemplates).split(",");
  if (o.ipolicyVcpuRatio) ipolicy["vcpu-ratio"] = Number(o.ipolicyVcpuRatio);
  if (o.ipolicyStdSpecs) ipolicy.std = numericSpec(String(o.ipolicyStdSpecs));
  if (o.ipolicyBoundsSpecs) {
    const parts = Object.fromEntries(String(o.ipolicyBoundsSpecs).split("/").map((part) => part.split(/:(.*)/s) as [string, string]));
    if (!parts.min || !parts.max) throw new UsageError("--ipolicy-bounds-specs needs min:...,/max:... parts");
    ipolicy.minmax = [{ min: numericSpec(parts.min), max: numericSpec(parts.max) }];
  }
  if (Object.keys(ipolicy).length) op.ipolicy = ipolicy;
  if (Object.keys(op).length === 1) throw new UsageError("Nothing to change: give at least one option (see gnt-cluster modify --help)");
  return [op];
}

function numericSpec(text: string): Record<string, number> {
  return Object.fromEntries(Object.entries(parseKeyValues(text.replace(/,$/, ""), "spec")).map(([k, v]) => [k, Number(v)]));
}
