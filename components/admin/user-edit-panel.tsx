"use client";
// A user's name and groups, edited in place (each saved with its own request).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { field, label, primaryButton, secondaryButton } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import type { GroupView, UserView } from "./types";

export function UserEditPanel({ user, groups, onClose }: { user: UserView; groups: GroupView[]; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(user.name);
  const [chosen, setChosen] = useState(() => new Set(user.groups.map((g) => g.id)));
  const base = `/api/users/${encodeURIComponent(user.id)}`;
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ["users"] }), queryClient.invalidateQueries({ queryKey: ["groups"] })]);
  const rename = useMutation({ mutationFn: () => fetchJson<UserView>(base, { method: "PATCH", body: { name } }), onSuccess: refresh });
  const setGroups = useMutation({ mutationFn: () => fetchJson<UserView>(`${base}/groups`, { method: "PUT", body: { groups: [...chosen] } }), onSuccess: refresh });
  const busy = rename.isPending || setGroups.isPending;

  const toggle = (id: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <div className="grid gap-6 sm:grid-cols-2">
      <form onSubmit={(e: FormEvent) => { e.preventDefault(); rename.mutate(); }} className="space-y-2">
        <label className={label}>Name of {user.email}
          <input value={name} onChange={(e) => setName(e.target.value)} className={field} required />
        </label>
        <ErrorAlert error={rename.error} />
        {rename.isSuccess && <p role="status" className="text-sm text-emerald-700">Name saved.</p>}
        <button type="submit" disabled={busy} className={primaryButton}>{rename.isPending ? "Saving…" : "Save name"}</button>
      </form>
      <form onSubmit={(e: FormEvent) => { e.preventDefault(); setGroups.mutate(); }} className="space-y-2">
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Groups of {user.email}</legend>
          {groups.length === 0 && <p className="text-sm text-slate-500">No group exists yet.</p>}
          <div className="mt-1 grid max-h-48 grid-cols-2 gap-1 overflow-y-auto">
            {groups.map((g) => (
              <label key={g.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={chosen.has(g.id)} onChange={(e) => toggle(g.id, e.target.checked)} />
                {g.name}
              </label>
            ))}
          </div>
        </fieldset>
        <ErrorAlert error={setGroups.error} />
        {setGroups.isSuccess && <p role="status" className="text-sm text-emerald-700">Groups saved.</p>}
        <div className="flex gap-2">
          <button type="submit" disabled={busy} className={primaryButton}>{setGroups.isPending ? "Saving…" : "Save groups"}</button>
          <button type="button" onClick={onClose} disabled={busy} className={secondaryButton}>Close</button>
        </div>
      </form>
    </div>
  );
}
