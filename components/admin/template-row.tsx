"use client";
// One VM template: where it applies, what it fills in, and (for those who keep it) Edit and Delete.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { ErrorAlert } from "@/components/ui/error-alert";
import { badge, secondaryButton, td } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { TemplateForm, type TemplateBody } from "./template-form";
import { formatMiB } from "./units";
import type { ListedTemplate } from "./types";

const COLUMNS = 6;

export function TemplateRow({ template: t, clusters, onSaved }: { template: ListedTemplate; clusters: string[]; onSaved: () => Promise<unknown> }) {
  const [editing, setEditing] = useState(false);
  const url = `/api/templates/${encodeURIComponent(t.id)}`;
  const save = useMutation({
    mutationFn: (body: TemplateBody) => fetchJson(url, { method: "PUT", body }),
    onSuccess: () => {
      setEditing(false);
      return onSaved();
    },
  });
  const remove = useMutation({ mutationFn: () => fetchJson<void>(url, { method: "DELETE" }), onSuccess: onSaved });
  const busy = save.isPending || remove.isPending;
  return (
    <>
      <tr>
        <th scope="row" className={`${td} text-left`}>
          <span className="font-medium">{t.name}</span>
          {t.description && <span className="block text-xs font-normal text-slate-500">{t.description}</span>}
        </th>
        <td className={td}>{t.cluster ?? <span className={badge}>every cluster</span>}</td>
        <td className={td}>
          {t.diskTemplate}
          {t.disks.length > 0 && <span className="block text-xs text-slate-500">{t.disks.map(formatMiB).join(" + ")}</span>}
        </td>
        <td className={`${td} tabular-nums`}>{formatMiB(t.memory)} · {t.vcpus} vCPU{t.vcpus === 1 ? "" : "s"}</td>
        <td className={`${td} font-mono text-xs`}>{t.os || <span className="font-sans text-slate-400">user chooses</span>}</td>
        <td className={td}>
          {t.canEdit ? (
            <div className="flex flex-wrap gap-2">
              <button type="button" className={secondaryButton} disabled={busy} onClick={() => { save.reset(); setEditing((e) => !e); }} aria-expanded={editing}
                aria-label={`Edit template ${t.name}`}>Edit</button>
              <ConfirmButton question={`Delete template ${t.name}? VMs made from it stay as they are; the wizard no longer offers it.`} onConfirm={() => remove.mutate()}
                pending={remove.isPending} pendingLabel="Deleting…" disabled={busy} label={`Delete template ${t.name}`}>Delete</ConfirmButton>
            </div>
          ) : (
            <span className="text-xs text-slate-500">{t.cluster ? `Kept by the admins of ${t.cluster}` : "Kept by superusers"}</span>
          )}
          <div className="mt-2"><ErrorAlert error={remove.error} /></div>
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={COLUMNS} className={`${td} bg-slate-50`}>
            <TemplateForm id={`edit-${t.id}`} initial={t} clusters={clusters} submitLabel={`Save template ${t.name}`} pending={save.isPending} error={save.error}
              onSubmit={(body) => save.mutate(body)} onCancel={() => setEditing(false)} />
          </td>
        </tr>
      )}
    </>
  );
}
