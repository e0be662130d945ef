"use client";
// The admin's settings for VM requests — the sizes a request may ask for — and whether an owner's delete, reinstall
// or rename waits for a link mailed to them, valid for how long. Checked here with the server's own rules, each
// problem under its field, and again by the server (PUT /api/settings/requests, superusers, audited).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ProblemText } from "@/components/create/problem-text";
import { SizeInput } from "@/components/instances/size-input";
import { ErrorAlert } from "@/components/ui/error-alert";
import { StatusNote } from "@/components/ui/status-note";
import { card, field, label, primaryButton } from "@/components/ui/styles";
import { requestSettingsSchema, type RequestSettings } from "@/lib/manager/settings/request-settings";
import { fetchJson } from "@/lib/web/fetch-json";

export function RequestSettingsForm() {
  const settings = useQuery({ queryKey: ["request-settings"], queryFn: () => fetchJson<RequestSettings>("/api/settings/requests") });
  if (settings.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (settings.isError) return <ErrorAlert error={settings.error} />;
  return <SettingsForm saved={settings.data} />;
}

type Draft = Omit<RequestSettings, "vcpusMax" | "confirmHours"> & { vcpusMax: string; confirmHours: string };

const whole = (text: string) => (text.trim() === "" ? NaN : Number(text));

function SettingsForm({ saved }: { saved: RequestSettings }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>({ ...saved, vcpusMax: String(saved.vcpusMax), confirmHours: String(saved.confirmHours) });
  const change = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const body = { ...draft, vcpusMax: whole(draft.vcpusMax), confirmHours: whole(draft.confirmHours) };
  const parsed = requestSettingsSchema.safeParse(body);
  const problems = (name: keyof Draft) => (parsed.success ? [] : parsed.error.issues.filter((i) => i.path[0] === name).map((i) => i.message));
  const save = useMutation({
    mutationFn: () => fetchJson<RequestSettings>("/api/settings/requests", { method: "PUT", body }),
    onSuccess: (data) => queryClient.setQueryData(["request-settings"], data),
  });
  const size = (name: "memoryMin" | "memoryMax" | "diskMin" | "diskMax", text: string) => (
    <div>
      <SizeInput id={`settings-${name}`} label={text} mib={draft[name]} onChange={(mib) => change({ [name]: mib })} invalid={problems(name).length > 0} />
      <ProblemText id={`settings-${name}-problems`} problems={problems(name)} />
    </div>
  );
  return (
    <form aria-label="Request settings" className="max-w-3xl space-y-6" onSubmit={(e) => { e.preventDefault(); if (parsed.success) save.mutate(); }}>
      <section className={`${card} space-y-4`} aria-labelledby="limits-title">
        <h2 id="limits-title" className="text-base font-semibold">What a VM request may ask for</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          {size("memoryMin", "Smallest memory")}
          {size("memoryMax", "Largest memory")}
          {size("diskMin", "Smallest disk")}
          {size("diskMax", "Largest disk")}
          <div>
            <label htmlFor="settings-vcpusMax" className={label}>Most vCPUs</label>
            <input id="settings-vcpusMax" inputMode="numeric" className={field} value={draft.vcpusMax} onChange={(e) => change({ vcpusMax: e.target.value })} />
            <ProblemText id="settings-vcpusMax-problems" problems={problems("vcpusMax")} />
          </div>
        </div>
      </section>
      <section className={`${card} space-y-4`} aria-labelledby="confirm-title">
        <h2 id="confirm-title" className="text-base font-semibold">Destructive actions by owners</h2>
        <label className="inline-flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" checked={draft.confirmDestructive} onChange={(e) => change({ confirmDestructive: e.target.checked })} />
          Deleting, reinstalling or renaming a VM waits for a single-use link mailed to its owner
        </label>
        <div className="sm:max-w-xs">
          <label htmlFor="settings-confirmHours" className={label}>Link valid for (hours)</label>
          <input id="settings-confirmHours" inputMode="numeric" className={field} value={draft.confirmHours} onChange={(e) => change({ confirmHours: e.target.value })} disabled={!draft.confirmDestructive} />
          <ProblemText id="settings-confirmHours-problems" problems={problems("confirmHours")} />
        </div>
      </section>
      <ErrorAlert error={save.error} />
      {save.isSuccess && !save.isPending && <StatusNote>Settings saved.</StatusNote>}
      <button type="submit" className={primaryButton} disabled={!parsed.success || save.isPending}>{save.isPending ? "Saving…" : "Save settings"}</button>
    </form>
  );
}
