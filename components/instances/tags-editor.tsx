"use client";
// A VM's tags: each removable, and a field to add some (space-separated). Gantry's owner tag is shown but is changed
// only with the owner. Without the tags permission the list is read-only.
import { useState } from "react";
import { field, secondaryButton } from "@/components/ui/styles";
import { ErrorAlert } from "@/components/ui/error-alert";
import type { InstanceDetail } from "./types";
import { useVmAction, type OnJob } from "./use-vm-action";

const OWNER_PREFIX = "gantry:owner:";

export function TagsEditor({ vm, onJob, busy }: { vm: InstanceDetail; onJob: OnJob; busy: boolean }) {
  const [text, setText] = useState("");
  const editable = vm.allowed.includes("tags") && !vm.clusterReadOnly;
  const change = useVmAction(vm.cluster, vm.name, onJob, () => setText(""));
  const add = text.split(/[\s,]+/).filter(Boolean);
  return (
    <div>
      <ul aria-label="Tags" className="flex flex-wrap gap-2">
        {vm.tags.length === 0 && <li className="text-sm text-slate-500">No tags.</li>}
        {vm.tags.map((tag) => (
          <li key={tag} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pl-2.5 pr-1 font-mono text-xs text-slate-700">
            {tag}
            {editable && !tag.startsWith(OWNER_PREFIX) ? (
              <button type="button" aria-label={`Remove tag ${tag}`} disabled={busy || change.isPending} className="rounded-full px-1.5 text-slate-500 hover:bg-slate-200 hover:text-slate-900"
                onClick={() => change.mutate({ path: "tags", method: "DELETE", body: { tags: [tag] }, label: `Remove tag ${tag}` })}>×</button>
            ) : <span className="w-1" />}
          </li>
        ))}
      </ul>
      {editable && (
        <form className="mt-3 flex gap-2" onSubmit={(e) => { e.preventDefault(); if (add.length) change.mutate({ path: "tags", body: { tags: add }, label: `Add tag${add.length === 1 ? "" : "s"} ${add.join(", ")}` }); }}>
          <label htmlFor="tag-add" className="sr-only">Tags to add (separated by spaces)</label>
          <input id="tag-add" className={`${field} mt-0 font-mono`} value={text} onChange={(e) => setText(e.target.value)} placeholder="env:prod backup" autoComplete="off" />
          <button type="submit" className={secondaryButton} disabled={!add.length || busy || change.isPending}>Add</button>
        </form>
      )}
      <div className="mt-2"><ErrorAlert error={change.error} /></div>
    </div>
  );
}
