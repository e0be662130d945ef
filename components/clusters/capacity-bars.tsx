// Memory and disk in use against what the nodes have (used = total − free), as bars; vCPUs and node counts beside them.
import { formatMiB } from "@/components/admin/units";
import { UsageBar } from "@/components/ui/usage-bar";
import type { Capacity } from "./types";

export function CapacityBars({ capacity, label }: { capacity: Capacity; label: string }) {
  return (
    <dl className="grid gap-3 sm:grid-cols-3">
      <div>
        <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Memory</dt>
        <dd><UsageBar used={capacity.memoryTotal - capacity.memoryFree} limit={capacity.memoryTotal} format={formatMiB} label={`${label} memory used`} /></dd>
      </div>
      <div>
        <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Disk</dt>
        <dd><UsageBar used={capacity.diskTotal - capacity.diskFree} limit={capacity.diskTotal} format={formatMiB} label={`${label} disk used`} /></dd>
      </div>
      <div>
        <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Nodes and CPUs</dt>
        <dd className="text-xs text-slate-700">
          {capacity.nodes} node{capacity.nodes === 1 ? "" : "s"}{capacity.offline > 0 && <span className="text-red-700"> ({capacity.offline} offline)</span>} · {capacity.cpus} CPUs
        </dd>
      </div>
    </dl>
  );
}
