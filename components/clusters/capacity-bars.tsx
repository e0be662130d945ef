// Memory, disk and vCPUs in use against what the nodes have, as bars; node counts beside them. Memory and disk used
// are total − free as the nodes report; vCPUs are those of the VMs meant to run (admin state up) against the CPUs
// times the instance policy's vcpu-ratio, since Ganeti overcommits CPUs up to that ratio.
import { formatMiB } from "@/components/admin/units";
import { UsageBar } from "@/components/ui/usage-bar";
import type { Capacity } from "./types";

const term = "text-xs font-medium uppercase tracking-wide text-slate-500";

export function CapacityBars({ capacity, label, vcpuRatio }: { capacity: Capacity; label: string; vcpuRatio?: number | null }) {
  const ratio = vcpuRatio && vcpuRatio > 0 ? vcpuRatio : 1;
  const perCpu = capacity.cpus > 0 ? capacity.vcpusUp / capacity.cpus : 0;
  return (
    <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <div>
        <dt className={term}>Memory</dt>
        <dd><UsageBar used={capacity.memoryTotal - capacity.memoryFree} limit={capacity.memoryTotal} format={formatMiB} label={`${label} memory used`} /></dd>
      </div>
      <div>
        <dt className={term}>Disk</dt>
        <dd><UsageBar used={capacity.diskTotal - capacity.diskFree} limit={capacity.diskTotal} format={formatMiB} label={`${label} disk used`} /></dd>
      </div>
      <div>
        <dt className={term}>vCPUs of running VMs</dt>
        <dd>
          <UsageBar used={capacity.vcpusUp} limit={capacity.cpus * ratio} format={(n) => `${Math.round(n * 10) / 10}`} label={`${label} vCPUs against CPUs × ${ratio}`} />
          <p className="mt-0.5 text-xs text-slate-500">
            {perCpu.toFixed(1)} per CPU{vcpuRatio ? ` (policy allows ${vcpuRatio})` : ""}
          </p>
        </dd>
      </div>
      <div>
        <dt className={term}>Nodes and CPUs</dt>
        <dd className="text-xs text-slate-700">
          {capacity.nodes} node{capacity.nodes === 1 ? "" : "s"}{capacity.offline > 0 && <span className="text-red-700"> ({capacity.offline} offline)</span>} · {capacity.cpus} CPUs
        </dd>
      </div>
    </dl>
  );
}
