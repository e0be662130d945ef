"use client";
// Choose a user or a group as a persona ("user:<id>" / "group:<id>"), from /api/personas (superusers and cluster
// admins); should the list be refused, the persona can be typed instead.
import { useQuery } from "@tanstack/react-query";
import { field, label } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";

type Props = { id: string; value: string; onChange: (persona: string) => void; labelText?: string };
type Choice = { persona: string; label: string };

export function PersonaPicker({ id, value, onChange, labelText = "User or group" }: Props) {
  const choices = useQuery({ queryKey: ["personas"], queryFn: () => fetchJson<Choice[]>("/api/personas"), retry: false });
  if (choices.isError) {
    return (
      <label className={label} htmlFor={id}>{labelText} (user:&lt;id&gt; or group:&lt;id&gt;)
        <input id={id} required value={value} onChange={(e) => onChange(e.target.value)} className={`${field} font-mono`} />
      </label>
    );
  }
  const all = choices.data ?? [];
  return (
    <label className={label} htmlFor={id}>{labelText}
      <select id={id} required value={value} onChange={(e) => onChange(e.target.value)} className={field} disabled={choices.isPending}>
        <option value="">{choices.isPending ? "Loading…" : "Choose…"}</option>
        <optgroup label="Groups">
          {all.filter((c) => c.persona.startsWith("group:")).map((c) => <option key={c.persona} value={c.persona}>{c.label}</option>)}
        </optgroup>
        <optgroup label="Users">
          {all.filter((c) => c.persona.startsWith("user:")).map((c) => <option key={c.persona} value={c.persona}>{c.label}</option>)}
        </optgroup>
      </select>
    </label>
  );
}
