"use client";
// Who the VM is for (the owner persona, whose quota it uses), its name, and an optional template to start from.
import { field, label } from "@/components/ui/styles";
import { ProblemText } from "./problem-text";
import type { CreateOptions, Draft } from "./types";

type Props = { options: CreateOptions; draft: Draft; change: (patch: Partial<Draft>) => void; applyTemplate: (id: string) => void; problems: (field: string) => string[] };

export function IdentitySection({ options, draft, change, applyTemplate, problems }: Props) {
  const nameProblems = draft.name.trim() ? problems("name") : [];
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div>
        <label htmlFor="create-owner" className={label}>Owner</label>
        <select id="create-owner" className={field} value={draft.owner} onChange={(e) => change({ owner: e.target.value })}>
          {options.personas.map((p) => <option key={p.persona} value={p.persona}>{p.label}</option>)}
        </select>
        <p className="mt-1 text-xs text-slate-500">Its quota pays for the VM; its members may manage it.</p>
        <ProblemText id="owner-problems" problems={problems("owner")} />
      </div>
      <div>
        <label htmlFor="create-name" className={label}>Name</label>
        <input id="create-name" className={`${field} ${nameProblems.length ? "border-red-400" : ""}`} value={draft.name} onChange={(e) => change({ name: e.target.value })}
          placeholder="web1.example.org" autoComplete="off" spellCheck={false} aria-invalid={nameProblems.length > 0 || undefined} aria-describedby="name-problems" />
        <ProblemText id="name-problems" problems={nameProblems} />
      </div>
      {options.templates.length > 0 && (
        <div className="sm:col-span-2">
          <label htmlFor="create-template" className={label}>Start from a template</label>
          <select id="create-template" className={field} value={draft.templateId} onChange={(e) => applyTemplate(e.target.value)}>
            <option value="">No template: choose everything below</option>
            {options.templates.map((t) => <option key={t.id} value={t.id}>{t.name}{t.description ? ` — ${t.description}` : ""}</option>)}
          </select>
          <p className="mt-1 text-xs text-slate-500">A template fills in the fields below; you can still change them.</p>
        </div>
      )}
    </div>
  );
}
