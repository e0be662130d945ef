"use client";
// Gantry's records (owner, permissions) of VMs that are no longer on the cluster: choose some and purge them.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ErrorAlert } from "@/components/ui/error-alert";
import { useSelection } from "@/components/ui/selection";
import { StatusNote } from "@/components/ui/status-note";
import { card, dangerButton, table, td, th } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import type { ImportReport } from "./types";

type Purged = { owners: number; permissions: number; skipped: number };

export function ImportGone({ slug, gone }: { slug: string; gone: ImportReport["gone"] }) {
  const queryClient = useQueryClient();
  const selection = useSelection(gone.map((g) => g.name));
  const purge = useMutation({
    mutationFn: (names: string[]) => fetchJson<Purged>(`/api/clusters/${encodeURIComponent(slug)}/import`, { method: "POST", body: { names } }),
    onSuccess: () => {
      selection.clear();
      return queryClient.invalidateQueries({ queryKey: ["import", slug] });
    },
  });
  const all = gone.length > 0 && selection.selected.length === gone.length;
  return (
    <section className={`${card} mb-6`} aria-labelledby="gone">
      <h2 id="gone" className="mb-1 text-lg font-medium">Records of VMs gone from the cluster ({gone.length})</h2>
      {gone.length === 0 ? <p className="text-sm text-slate-500">None.</p> : (
        <>
          <table className={table}>
            <thead>
              <tr>
                <th scope="col" className={th}><input type="checkbox" aria-label="Select all gone VMs" checked={all} onChange={(e) => selection.setAll(e.target.checked)} /></th>
                <th scope="col" className={th}>VM</th>
                <th scope="col" className={th}>Owner</th>
                <th scope="col" className={th}>Permissions</th>
              </tr>
            </thead>
            <tbody>
              {gone.map((g) => (
                <tr key={g.name}>
                  <td className={td}><input type="checkbox" aria-label={`Select ${g.name}`} checked={selection.isSelected(g.name)} onChange={(e) => selection.toggle(g.name, e.target.checked)} /></td>
                  <td className={td}>{g.name}</td>
                  <td className={`${td} font-mono text-xs`}>{g.owner ?? "none"}</td>
                  <td className={td}>{g.permissions}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className={`${dangerButton} mt-4`} disabled={purge.isPending || selection.selected.length === 0}
            onClick={() => {
              const names = selection.selected;
              if (window.confirm(`Purge Gantry's records (owner and permissions) of ${names.length} VM(s) gone from ${slug}?`)) purge.mutate(names);
            }}>
            {purge.isPending ? "Purging…" : `Purge ${selection.selected.length} record${selection.selected.length === 1 ? "" : "s"}`}
          </button>
        </>
      )}
      <div className="mt-3 space-y-2">
        <ErrorAlert error={purge.error} />
        {purge.isSuccess && <StatusNote>Purged {purge.data.owners} owner record(s) and {purge.data.permissions} permission(s){purge.data.skipped ? `; ${purge.data.skipped} VM(s) are back on the cluster and were kept` : ""}.</StatusNote>}
      </div>
    </section>
  );
}
