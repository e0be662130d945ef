"use client";
// One account with its actions: activate or deactivate, superuser or not, reset the password, edit name and groups.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { badge, dangerButton, secondaryButton, td } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { GeneratedPassword } from "./generated-password";
import { UserEditPanel } from "./user-edit-panel";
import type { GroupView, UserView } from "./types";

type Reset = { userId: string; email: string; generatedPassword?: string };

export function UserRow({ user, groups }: { user: UserView; groups: GroupView[] }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [generated, setGenerated] = useState<string | null>(null);
  const base = `/api/users/${encodeURIComponent(user.id)}`;
  const update = useMutation({
    mutationFn: (changes: { isActive?: boolean; isAdmin?: boolean }) => fetchJson<UserView>(base, { method: "PATCH", body: changes }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["users"] }),
  });
  const reset = useMutation({
    mutationFn: () => fetchJson<Reset>(`${base}/password`, { method: "POST" }),
    onSuccess: (result) => setGenerated(result.generatedPassword ?? null),
  });
  const busy = update.isPending || reset.isPending;
  const confirmThen = (question: string, action: () => void) => () => {
    if (window.confirm(question)) action();
  };

  return (
    <>
      <tr className={user.isActive ? "" : "text-slate-400"}>
        <th scope="row" className={`${td} text-left font-normal`}>
          <div className="font-medium">{user.email}</div>
          <div className="text-xs text-slate-500">{user.name}</div>
        </th>
        <td className={td}>
          {user.isAdmin && <span className="mr-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">superuser</span>}
          {!user.isActive && <span className={badge}>inactive</span>}
        </td>
        <td className={td}>{user.groups.map((g) => g.name).join(", ") || <span className="text-slate-400">none</span>}</td>
        <td className={`${td} text-xs`}>{user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString() : "never"}</td>
        <td className={td}>
          <div className="flex flex-wrap gap-2">
            <button type="button" className={secondaryButton} disabled={busy} onClick={() => setEditing((e) => !e)} aria-expanded={editing}
              aria-label={`Edit ${user.email}`}>Edit</button>
            {user.isActive ? (
              <button type="button" className={dangerButton} disabled={busy} aria-label={`Deactivate ${user.email}`}
                onClick={confirmThen(`Deactivate ${user.email}? They are signed out at once; their VMs and history stay.`, () => update.mutate({ isActive: false }))}>
                Deactivate
              </button>
            ) : (
              <button type="button" className={secondaryButton} disabled={busy} aria-label={`Reactivate ${user.email}`} onClick={() => update.mutate({ isActive: true })}>
                Reactivate
              </button>
            )}
            <button type="button" className={secondaryButton} disabled={busy} aria-label={`${user.isAdmin ? "Remove superuser from" : "Make superuser"} ${user.email}`}
              onClick={confirmThen(user.isAdmin ? `Remove ${user.email}'s superuser rights?` : `Make ${user.email} a superuser (may do everything)?`, () => update.mutate({ isAdmin: !user.isAdmin }))}>
              {user.isAdmin ? "Remove superuser" : "Make superuser"}
            </button>
            <button type="button" className={secondaryButton} disabled={busy} aria-label={`Reset password of ${user.email}`}
              onClick={confirmThen(`Reset ${user.email}'s password? Gantry generates a new one and shows it once.`, () => reset.mutate())}>
              {reset.isPending ? "Resetting…" : "Reset password"}
            </button>
          </div>
          <div className="mt-2 space-y-2">
            <ErrorAlert error={update.error ?? reset.error} />
            {generated && <GeneratedPassword email={user.email} password={generated} onDismiss={() => setGenerated(null)} />}
          </div>
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={5} className={`${td} bg-slate-50`}>
            <UserEditPanel user={user} groups={groups} onClose={() => setEditing(false)} />
          </td>
        </tr>
      )}
    </>
  );
}
