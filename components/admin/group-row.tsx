"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { ErrorAlert } from "@/components/ui/error-alert";
import { secondaryButton, td } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { GroupEditPanel } from "./group-edit-panel";
import type { GroupView } from "./types";

export function GroupRow({ group }: { group: GroupView }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const remove = useMutation({
    mutationFn: () => fetchJson<void>(`/api/groups/${encodeURIComponent(group.id)}`, { method: "DELETE" }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: ["groups"] }), queryClient.invalidateQueries({ queryKey: ["users"] })]),
  });
  return (
    <>
      <tr>
        <th scope="row" className={`${td} text-left font-medium`}>{group.name}</th>
        <td className={`${td} text-slate-600`}>{group.description}</td>
        <td className={td}>
          <span className="text-xs">{group.members.map((m) => m.email).join(", ") || <span className="text-slate-400">none</span>}</span>
        </td>
        <td className={td}>
          <div className="flex flex-wrap gap-2">
            <button type="button" className={secondaryButton} disabled={remove.isPending} onClick={() => setEditing((e) => !e)} aria-expanded={editing}
              aria-label={`Edit group ${group.name}`}>Edit</button>
            <ConfirmButton question={`Delete group ${group.name}? Its permissions and quotas go with it.`} onConfirm={() => remove.mutate()}
              pending={remove.isPending} pendingLabel="Deleting…" label={`Delete group ${group.name}`}>Delete</ConfirmButton>
          </div>
          <div className="mt-2"><ErrorAlert error={remove.error} /></div>
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={4} className={`${td} bg-slate-50`}>
            <GroupEditPanel group={group} onClose={() => setEditing(false)} />
          </td>
        </tr>
      )}
    </>
  );
}
