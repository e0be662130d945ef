"use client";
// The user's own quota on a cluster: memory, disk and vCPUs used against the limit, for each of their personas.
import { useQuery } from "@tanstack/react-query";
import { formatCount, formatMiB } from "@/components/admin/units";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card } from "@/components/ui/styles";
import { UsageBar } from "@/components/ui/usage-bar";
import type { PersonaQuota } from "@/lib/manager/quotas/list-quotas";
import type { Limits } from "@/lib/manager/quotas/quota-usage";
import { fetchJson } from "@/lib/web/fetch-json";

type Quotas = { cluster: string; default: Limits; canEdit: boolean; quotas: PersonaQuota[] };

const limitText = (n: number | null, format: (n: number) => string) => (n === null ? "unlimited" : format(n));

export function MyQuota({ slug, personas }: { slug: string; personas: string[] }) {
  const quotas = useQuery({ queryKey: ["quotas", slug], queryFn: () => fetchJson<Quotas>(`/api/clusters/${encodeURIComponent(slug)}/quotas`), refetchInterval: 15_000, retry: false });
  const own = (quotas.data?.quotas ?? []).filter((q) => personas.includes(q.persona));
  return (
    <div className={card} role="group" aria-labelledby={`quota-${slug}`}>
      <h3 id={`quota-${slug}`} className="mb-2 text-sm font-semibold text-slate-900">Your quota on {slug}</h3>
      <ErrorAlert error={quotas.error} />
      {quotas.data && own.length === 0 && (
        <p className="text-sm text-slate-500">
          Nothing counts against your quota here yet. The cluster's default: memory {limitText(quotas.data.default.memory, formatMiB)}, disk {limitText(quotas.data.default.disk, formatMiB)}, {limitText(quotas.data.default.vcpus, formatCount)} vCPUs.
        </p>
      )}
      <ul className="space-y-3">
        {own.map((q) => (
          <li key={q.persona}>
            <p className="mb-1 text-xs text-slate-600">{q.label}{q.isDefault && <span className="text-slate-400"> · cluster default</span>}</p>
            <div className="grid gap-2 sm:grid-cols-3">
              <UsageBar used={q.used.memory} limit={q.limits.memory} format={formatMiB} label={`${q.label} memory`} />
              <UsageBar used={q.used.disk} limit={q.limits.disk} format={formatMiB} label={`${q.label} disk`} />
              <UsageBar used={q.used.vcpus} limit={q.limits.vcpus} format={(n) => `${formatCount(n)} vCPUs`} label={`${q.label} vCPUs`} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
