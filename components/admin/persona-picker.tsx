"use client";
// Choose a user or a group as a persona ("user:<id>" / "group:<id>"). The lists come from /api/users and /api/groups
// (superusers); a cluster admin who may not read them types the persona instead.
import { useQuery } from "@tanstack/react-query";
import { field, label } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import type { GroupView, UserView } from "./types";

type Props = { id: string; value: string; onChange: (persona: string) => void; labelText?: string };

export function PersonaPicker({ id, value, onChange, labelText = "User or group" }: Props) {
  const users = useQuery({ queryKey: ["users"], queryFn: () => fetchJson<UserView[]>("/api/users"), retry: false });
  const groups = useQuery({ queryKey: ["groups"], queryFn: () => fetchJson<GroupView[]>("/api/groups"), retry: false });
  if (users.isError || groups.isError) {
    return (
      <label className={label} htmlFor={id}>{labelText} (user:&lt;id&gt; or group:&lt;id&gt;)
        <input id={id} required value={value} onChange={(e) => onChange(e.target.value)} className={`${field} font-mono`} />
      </label>
    );
  }
  return (
    <label className={label} htmlFor={id}>{labelText}
      <select id={id} required value={value} onChange={(e) => onChange(e.target.value)} className={field} disabled={users.isPending || groups.isPending}>
        <option value="">{users.isPending || groups.isPending ? "Loading…" : "Choose…"}</option>
        <optgroup label="Groups">
          {(groups.data ?? []).map((g) => <option key={g.id} value={`group:${g.id}`}>group {g.name}</option>)}
        </optgroup>
        <optgroup label="Users">
          {(users.data ?? []).filter((u) => u.isActive).map((u) => <option key={u.id} value={`user:${u.id}`}>{u.email}</option>)}
        </optgroup>
      </select>
    </label>
  );
}
