"use client";
// One persona's quota on the cluster: its limits (its override's or the default), what it uses, and its actions.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { ErrorAlert } from "@/components/ui/error-alert";
import { UsageBar } from "@/components/ui/usage-bar";
import { badge, secondaryButton, td } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { QuotaLimitsForm, type LimitsInput } from "./quota-limits-form";
import { formatCount, formatMiB } from "./units";
import type { QuotaList } from "./types";

type Quota = QuotaList["quotas"][number];

export function QuotaRow({ slug, quota, canEdit }: { slug: string; quota: Quota; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const url = `/api/clusters/${encodeURIComponent(slug)}/quotas`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["quotas", slug] });
  const save = useMutation({
    mutationFn: (limits: LimitsInput) => fetchJson(url, { method: "PUT", body: { persona: quota.persona, ...limits } }),
    onSuccess: () => {
      setEditing(false);
      return refresh();
    },
  });
  const remove = useMutation({ mutationFn: () => fetchJson<void>(url, { method: "DELETE", body: { persona: quota.persona } }), onSuccess: refresh });
  const busy = save.isPending || remove.isPending;
  return (
    <>
      <tr>
        <th scope="row" className={`${td} text-left font-medium`}>
          {quota.label}
          <div><span className={badge}>{quota.isDefault ? "default" : "override"}</span></div>
        </th>
        <td className={td}><UsageBar label="Memory" used={quota.used.memory} limit={quota.limits.memory} format={formatMiB} /></td>
        <td className={td}><UsageBar label="Disk" used={quota.used.disk} limit={quota.limits.disk} format={formatMiB} /></td>
        <td className={td}><UsageBar label="vCPUs" used={quota.used.vcpus} limit={quota.limits.vcpus} format={formatCount} /></td>
        {canEdit && (
          <td className={td}>
            <div className="flex flex-wrap gap-2">
              <button type="button" className={secondaryButton} disabled={busy} onClick={() => setEditing((e) => !e)} aria-expanded={editing}
                aria-label={`${quota.isDefault ? "Set an override for" : "Edit the override of"} ${quota.label}`}>
                {quota.isDefault ? "Set override" : "Edit"}
              </button>
              {!quota.isDefault && (
                <ConfirmButton question={`Remove ${quota.label}'s override? The cluster's default applies again.`} onConfirm={() => remove.mutate()}
                  pending={remove.isPending} pendingLabel="Removing…" disabled={busy} label={`Remove the override of ${quota.label}`}>Remove override</ConfirmButton>
              )}
            </div>
            <div className="mt-2"><ErrorAlert error={remove.error} /></div>
          </td>
        )}
      </tr>
      {editing && (
        <tr>
          <td colSpan={5} className={`${td} bg-slate-50`}>
            <QuotaLimitsForm id={`edit-${quota.persona}`} initial={quota.limits} submitLabel={`Save override for ${quota.label}`} pending={save.isPending} error={save.error}
              onSubmit={(l) => save.mutate(l)} onCancel={() => setEditing(false)} />
          </td>
        </tr>
      )}
    </>
  );
}
