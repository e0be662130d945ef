"use client";
// Who holds what on a cluster (and its VMs), or on one VM when `instance` is given; grant and revoke.
import { useQuery } from "@tanstack/react-query";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card, table, th } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { PermissionGrantForm } from "./permission-grant-form";
import { PermissionRow } from "./permission-row";
import type { PermissionRow as Row } from "./types";

export function PermissionsAdmin({ slug, instance }: { slug: string; instance?: string }) {
  const query = new URLSearchParams({ cluster: slug, ...(instance ? { instance } : {}) });
  const permissions = useQuery({ queryKey: ["permissions", slug, instance ?? ""], queryFn: () => fetchJson<Row[]>(`/api/permissions?${query}`) });
  if (permissions.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (permissions.isError) return <ErrorAlert error={permissions.error} />;
  return (
    <>
      <PermissionGrantForm slug={slug} instance={instance} />
      <h2 className="mb-3 text-lg font-medium">{instance ? `Permissions on ${instance}` : "Permissions on the cluster and its VMs"}</h2>
      <div className={`${card} overflow-x-auto p-0`}>
        <table className={table} aria-label="Permissions">
          <thead>
            <tr>
              <th scope="col" className={th}>Grantee</th>
              <th scope="col" className={th}>VM</th>
              <th scope="col" className={th}>Permission</th>
              <th scope="col" className={th}>Actions</th>
            </tr>
          </thead>
          <tbody>
            {permissions.data.map((r) => <PermissionRow key={`${r.grantee}/${r.instance ?? ""}/${r.perm}`} row={r} />)}
            {permissions.data.length === 0 && <tr><td colSpan={4} className="px-3 py-6 text-center text-sm text-slate-500">No permission granted yet.</td></tr>}
          </tbody>
        </table>
      </div>
    </>
  );
}
