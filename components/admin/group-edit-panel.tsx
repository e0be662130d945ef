"use client";
// A group's name, description and members, edited in place. Members are typed one per line (e-mail or user id).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { field, label, primaryButton, secondaryButton } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import type { GroupView } from "./types";

export function GroupEditPanel({ group, onClose }: { group: GroupView; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description);
  const [members, setMembers] = useState(group.members.map((m) => m.email).join("\n"));
  const base = `/api/groups/${encodeURIComponent(group.id)}`;
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ["groups"] }), queryClient.invalidateQueries({ queryKey: ["users"] })]);
  const save = useMutation({
    mutationFn: () => {
      const changes: { name?: string; description?: string } = {};
      if (name !== group.name) changes.name = name;
      if (description !== group.description) changes.description = description;
      return fetchJson<GroupView>(base, { method: "PATCH", body: changes });
    },
    onSuccess: refresh,
  });
  const setList = useMutation({
    mutationFn: () => fetchJson<GroupView>(`${base}/members`, { method: "PUT", body: { members: members.split(/[\s,;]+/).filter(Boolean) } }),
    onSuccess: refresh,
  });
  const busy = save.isPending || setList.isPending;
  return (
    <div className="grid gap-6 sm:grid-cols-2">
      <form onSubmit={(e: FormEvent) => { e.preventDefault(); save.mutate(); }} className="space-y-2">
        <label className={label}>Name
          <input value={name} onChange={(e) => setName(e.target.value)} className={field} required />
        </label>
        <label className={label}>Description
          <input value={description} onChange={(e) => setDescription(e.target.value)} className={field} />
        </label>
        <ErrorAlert error={save.error} />
        {save.isSuccess && <p role="status" className="text-sm text-emerald-700">Saved.</p>}
        <button type="submit" disabled={busy} className={primaryButton}>{save.isPending ? "Saving…" : "Save name and description"}</button>
      </form>
      <form onSubmit={(e: FormEvent) => { e.preventDefault(); setList.mutate(); }} className="space-y-2">
        <label className={label}>Members of {group.name} (one e-mail per line)
          <textarea value={members} onChange={(e) => setMembers(e.target.value)} rows={5} className={`${field} font-mono`} />
        </label>
        <ErrorAlert error={setList.error} />
        {setList.isSuccess && <p role="status" className="text-sm text-emerald-700">Members saved ({setList.data.memberCount}).</p>}
        <div className="flex gap-2">
          <button type="submit" disabled={busy} className={primaryButton}>{setList.isPending ? "Saving…" : "Save members"}</button>
          <button type="button" onClick={onClose} disabled={busy} className={secondaryButton}>Close</button>
        </div>
      </form>
    </div>
  );
}
