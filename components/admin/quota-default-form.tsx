"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { StatusNote } from "@/components/ui/status-note";
import { card } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { QuotaLimitsForm, type LimitsInput } from "./quota-limits-form";
import { formatMiB } from "./units";
import type { Limits } from "./types";

const shown = (limits: Limits) =>
  [`memory ${limits.memory === null ? "unlimited" : formatMiB(limits.memory)}`, `disk ${limits.disk === null ? "unlimited" : formatMiB(limits.disk)}`, `vCPUs ${limits.vcpus ?? "unlimited"}`].join(", ");

export function QuotaDefaultForm({ slug, limits, canEdit }: { slug: string; limits: Limits; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (body: LimitsInput) => fetchJson(`/api/clusters/${encodeURIComponent(slug)}/quotas`, { method: "PUT", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["quotas", slug] }),
  });
  return (
    <section className={`${card} mb-6`} aria-labelledby="default-quota">
      <h2 id="default-quota" className="mb-1 text-lg font-medium">Default quota</h2>
      <p className="mb-4 text-sm text-slate-600">Applies to every user and group without an override: {shown(limits)}.</p>
      {canEdit && (
        <>
          <QuotaLimitsForm key={JSON.stringify(limits)} id="default" initial={limits} submitLabel="Save default" pending={save.isPending} error={save.error} onSubmit={(l) => save.mutate(l)} />
          {save.isSuccess && <div className="mt-3"><StatusNote>Default quota saved.</StatusNote></div>}
        </>
      )}
    </section>
  );
}
