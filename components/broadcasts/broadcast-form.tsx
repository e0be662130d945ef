"use client";
// Writing a notice to VM owners: the scope, a subject and a text; the recipients previewed for exactly the scope that
// will be sent (changing it asks for a new preview), then sent. The API's refusal is shown as it words it.
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { StatusNote } from "@/components/ui/status-note";
import { field, label, primaryButton, secondaryButton } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { RecipientsPreview } from "./recipients-preview";
import { ScopePicker } from "./scope-picker";
import { scopeBody, type BroadcastPreview, type ScopeChoice, type SentBroadcast } from "./types";

type Props = { clusters: string[]; initial: Partial<ScopeChoice>; onSent: () => void };

export function BroadcastForm({ clusters, initial, onSent }: Props) {
  const [scope, setScope] = useState<ScopeChoice>({ cluster: clusters.includes(initial.cluster ?? "") ? initial.cluster! : clusters[0] ?? "", kind: initial.kind ?? "cluster", node: "", instances: initial.instances ?? "" });
  const [subject, setSubject] = useState("");
  const [text, setText] = useState("");
  const body = scopeBody(scope);
  const key = JSON.stringify(body);
  const preview = useMutation({ mutationFn: (scopeKey: string) => fetchJson<BroadcastPreview>("/api/broadcasts/preview", { method: "POST", body: JSON.parse(scopeKey) }) });
  const send = useMutation({
    mutationFn: () => fetchJson<SentBroadcast>("/api/broadcasts", { method: "POST", body: { ...body, subject, text } }),
    onSuccess: () => {
      setSubject("");
      setText("");
      preview.reset();
      onSent();
    },
  });
  const previewed = preview.data && preview.variables === key ? preview.data : undefined;
  const ready = Boolean(previewed && previewed.recipients > 0 && subject.trim() && text.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ready && !send.isPending) send.mutate();
  };

  return (
    <form className="space-y-4" onSubmit={submit} aria-label="Notify VM owners">
      <ScopePicker clusters={clusters} scope={scope} onChange={(next) => { setScope(next); send.reset(); }} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className={secondaryButton} disabled={preview.isPending || (scope.kind === "node" && !scope.node)} onClick={() => preview.mutate(key)}>
          {preview.isPending ? "Looking…" : "Preview recipients"}
        </button>
        {!previewed && <span className="text-xs text-slate-500">See who it reaches before sending.</span>}
      </div>
      <ErrorAlert error={preview.error} />
      {previewed && <RecipientsPreview preview={previewed} />}
      <div>
        <label htmlFor="broadcast-subject" className={label}>Subject</label>
        <input id="broadcast-subject" className={field} value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} placeholder="Maintenance of cluster lab on Saturday" />
      </div>
      <div>
        <label htmlFor="broadcast-text" className={label}>Text</label>
        <textarea id="broadcast-text" className={field} rows={8} value={text} onChange={(e) => setText(e.target.value)}
          placeholder="What happens, when, what it means for their VMs, and whom to ask." />
        <p className="mt-1 text-xs text-slate-500">Sent as plain text; each recipient&apos;s message ends with the list of their VMs concerned.</p>
      </div>
      <ErrorAlert error={send.error} />
      {send.isSuccess && <StatusNote>Sent to {send.data.recipients} recipient{send.data.recipients === 1 ? "" : "s"}; it is in the list of sent notices below.</StatusNote>}
      <div className="flex justify-end">
        <button type="submit" className={primaryButton} disabled={!ready || send.isPending}>
          {send.isPending ? "Sending…" : previewed ? `Send to ${previewed.recipients} recipient${previewed.recipients === 1 ? "" : "s"}` : "Send"}
        </button>
      </div>
    </form>
  );
}
