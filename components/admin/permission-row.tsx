"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { ErrorAlert } from "@/components/ui/error-alert";
import { td } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import type { PermissionRow as Row } from "./types";

export function PermissionRow({ row }: { row: Row }) {
  const queryClient = useQueryClient();
  const on = row.instance ?? "the whole cluster";
  const revoke = useMutation({
    mutationFn: () =>
      fetchJson("/api/permissions", { method: "DELETE", body: { grantee: row.grantee, cluster: row.cluster, ...(row.instance ? { instance: row.instance } : {}), perm: row.perm } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["permissions", row.cluster] }),
  });
  return (
    <tr>
      <td className={td}>{row.granteeLabel}</td>
      <td className={td}>{row.instance ?? <span className="text-slate-500">whole cluster</span>}</td>
      <td className={`${td} font-mono text-xs`}>{row.perm}</td>
      <td className={td}>
        <ConfirmButton question={`Revoke ${row.granteeLabel}'s ${row.perm} permission on ${on}?`} onConfirm={() => revoke.mutate()}
          pending={revoke.isPending} pendingLabel="Revoking…" label={`Revoke ${row.perm} of ${row.granteeLabel} on ${on}`}>Revoke</ConfirmButton>
        <div className="mt-2"><ErrorAlert error={revoke.error} /></div>
      </td>
    </tr>
  );
}
