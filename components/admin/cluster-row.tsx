"use client";
// One cluster of the registry with its actions: edit, test the connection, refresh the cache, remove.
import Link from "next/link";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { ErrorAlert } from "@/components/ui/error-alert";
import { StatusNote } from "@/components/ui/status-note";
import { badge, secondaryButton, td } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { ClusterForm, type ClusterFormValues } from "./cluster-form";
import { ClusterSyncState } from "./cluster-sync-state";
import type { ClusterView } from "./types";

type TestResult = { ok: boolean; error?: string; cluster: ClusterView };

type ClusterChanges = Partial<Omit<ClusterFormValues, "removeVncPassword">>;

/** Only what changed: an untouched password is kept by the API, an empty one removes it. */
function changesOf(before: ClusterView, values: ClusterFormValues): ClusterChanges {
  const changes: ClusterChanges = {};
  if (values.slug !== before.slug) changes.slug = values.slug;
  if (values.rapiUrl !== before.rapiUrl) changes.rapiUrl = values.rapiUrl;
  if (values.username !== before.rapiUser) changes.username = values.username;
  if (values.password) changes.password = values.password;
  if (values.removeVncPassword) changes.vncPassword = "";
  else if (values.vncPassword) changes.vncPassword = values.vncPassword;
  if (values.fingerprint !== before.certFingerprint) changes.fingerprint = values.fingerprint;
  if (values.readOnly !== before.readOnly) changes.readOnly = values.readOnly;
  if (values.description !== before.description) changes.description = values.description;
  return changes;
}

export function ClusterRow({ cluster }: { cluster: ClusterView }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState("");
  const refreshList = () => queryClient.invalidateQueries({ queryKey: ["clusters"] });
  const base = `/api/clusters/${encodeURIComponent(cluster.slug)}`;

  const edit = useMutation({
    mutationFn: (values: ClusterFormValues) => fetchJson<ClusterView>(base, { method: "PATCH", body: changesOf(cluster, values) }),
    onSuccess: (updated) => {
      setEditing(false);
      setNote(`Saved ${updated.slug}.`);
      return refreshList();
    },
  });
  const test = useMutation({
    mutationFn: () => fetchJson<TestResult>(`${base}/test`, { method: "POST" }),
    onSuccess: (result) => {
      setNote(result.ok ? `Connection works: ${result.cluster.name}, RAPI version ${result.cluster.rapiVersion ?? "?"}.` : "");
      return refreshList();
    },
  });
  const sync = useMutation({
    mutationFn: () => fetchJson<{ requested: boolean }>(`${base}/sync`, { method: "POST" }),
    onSuccess: () => {
      setNote("Refresh requested; the sync time updates within seconds.");
      setTimeout(() => void refreshList(), 2000);
    },
  });
  const remove = useMutation({
    mutationFn: () => fetchJson<void>(base, { method: "DELETE" }),
    onSuccess: refreshList,
  });
  const busy = edit.isPending || test.isPending || sync.isPending || remove.isPending;
  const testFailure = test.data && !test.data.ok ? new Error(`Connection failed: ${test.data.error}`) : null;

  return (
    <>
      <tr>
        <th scope="row" className={`${td} text-left font-normal`}>
          <div className="font-medium">{cluster.slug}</div>
          <div className="text-xs text-slate-500">{cluster.name}</div>
          {cluster.description && <div className="text-xs text-slate-500">{cluster.description}</div>}
        </th>
        <td className={td}><span className={badge}>{cluster.kind}</span></td>
        <td className={`${td} break-all font-mono text-xs`}>{cluster.rapiUrl}{cluster.rapiUser && <div className="text-slate-500">user {cluster.rapiUser}{cluster.hasPassword ? " (password stored)" : ""}</div>}{cluster.hasVncPassword && <div className="text-slate-500">VNC password stored</div>}</td>
        <td className={td}>{cluster.readOnly ? "Yes" : "No"}</td>
        <td className={td}><ClusterSyncState cluster={cluster} /></td>
        <td className={td}>
          <div className="flex flex-wrap gap-2">
            <button type="button" className={secondaryButton} disabled={busy} onClick={() => setEditing((e) => !e)} aria-expanded={editing}>Edit</button>
            <button type="button" className={secondaryButton} disabled={busy} onClick={() => test.mutate()}>{test.isPending ? "Testing…" : "Test"}</button>
            <button type="button" className={secondaryButton} disabled={busy} onClick={() => sync.mutate()}>{sync.isPending ? "Asking…" : "Refresh"}</button>
            <ConfirmButton question={`Remove cluster ${cluster.slug} from Gantry? Its cached VMs, permissions and quotas here go with it; the cluster itself is not touched.`}
              onConfirm={() => remove.mutate()} pending={remove.isPending} pendingLabel="Removing…" disabled={busy}>Remove</ConfirmButton>
          </div>
          <div className="mt-2 flex gap-3 text-xs">
            <Link className="text-brand-700 hover:underline" href={`/admin/clusters/${encodeURIComponent(cluster.slug)}/quotas`}>Quotas</Link>
            <Link className="text-brand-700 hover:underline" href={`/admin/clusters/${encodeURIComponent(cluster.slug)}/permissions`}>Permissions</Link>
            <Link className="text-brand-700 hover:underline" href={`/admin/clusters/${encodeURIComponent(cluster.slug)}/import`}>Import</Link>
          </div>
          <div className="mt-2 space-y-2">
            <ErrorAlert error={test.error ?? testFailure ?? sync.error ?? remove.error} />
            <StatusNote>{note}</StatusNote>
          </div>
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={6} className={`${td} bg-slate-50`}>
            <ClusterForm initial={cluster} pending={edit.isPending} error={edit.error} submitLabel="Save changes"
              onSubmit={(values) => edit.mutate(values)} onCancel={() => setEditing(false)} />
          </td>
        </tr>
      )}
    </>
  );
}
