// The owner's quota on this cluster once this VM exists (memory and vCPUs count when it starts, disk always), as bars.
import { formatCount, formatMiB } from "@/components/admin/units";
import { UsageBar } from "@/components/ui/usage-bar";
import type { CreateCheck } from "./types";

export function QuotaPreview({ quota, ownerLabel }: { quota: Pick<NonNullable<CreateCheck["quota"]>, "limits" | "usedAfter">; ownerLabel: string }) {
  const rows: Array<[string, "memory" | "vcpus" | "disk", (n: number) => string]> = [["Memory", "memory", formatMiB], ["vCPUs", "vcpus", formatCount], ["Disk", "disk", formatMiB]];
  return (
    <div aria-label="Quota after this VM" role="group">
      <h3 className="text-sm font-semibold text-slate-900">Quota of {ownerLabel} after this VM</h3>
      <dl className="mt-2 space-y-2">
        {rows.map(([text, key, format]) => (
          <div key={key} className="grid grid-cols-[4.5rem_1fr] items-center gap-2">
            <dt className="text-xs text-slate-600">{text}</dt>
            <dd><UsageBar used={quota.usedAfter[key]} limit={quota.limits[key]} format={format} label={`${text} after this VM`} /></dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
