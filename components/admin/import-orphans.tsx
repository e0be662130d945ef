"use client";
// VMs on the cluster that nobody owns in Gantry: choose some and give them an owner.
import { useState } from "react";
import { BatchProgress } from "@/components/ui/batch-progress";
import { useSelection } from "@/components/ui/selection";
import { card, primaryButton, table, td, th } from "@/components/ui/styles";
import { PersonaPicker } from "./persona-picker";
import type { ImportReport } from "./types";
import { useOwnerBatch } from "./use-owner-batch";

export function ImportOrphans({ slug, orphans }: { slug: string; orphans: ImportReport["orphans"] }) {
  const selection = useSelection(orphans.map((o) => o.name));
  const [owner, setOwner] = useState("");
  const { state, run } = useOwnerBatch(slug);
  const all = orphans.length > 0 && selection.selected.length === orphans.length;
  return (
    <section className={`${card} mb-6`} aria-labelledby="orphans">
      <h2 id="orphans" className="mb-1 text-lg font-medium">VMs without an owner ({orphans.length})</h2>
      <p className="mb-3 text-sm text-slate-600">Choose VMs and give them an owner; Gantry also writes the owner tag on the cluster.</p>
      {orphans.length === 0 ? <p className="text-sm text-slate-500">None: every VM has an owner.</p> : (
        <>
          <table className={table}>
            <thead>
              <tr>
                <th scope="col" className={th}><input type="checkbox" aria-label="Select all VMs without an owner" checked={all} onChange={(e) => selection.setAll(e.target.checked)} /></th>
                <th scope="col" className={th}>VM</th>
                <th scope="col" className={th}>Owner tag on the cluster</th>
              </tr>
            </thead>
            <tbody>
              {orphans.map((o) => (
                <tr key={o.name}>
                  <td className={td}><input type="checkbox" aria-label={`Select ${o.name}`} checked={selection.isSelected(o.name)} onChange={(e) => selection.toggle(o.name, e.target.checked)} /></td>
                  <td className={td}>{o.name}</td>
                  <td className={`${td} font-mono text-xs`}>{o.ownerTag ?? <span className="text-slate-400">none</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <form className="mt-4 flex flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              void run(selection.selected.map((name) => ({ name, owner }))).then(selection.clear);
            }}>
            <div className="w-72"><PersonaPicker id="orphan-owner" value={owner} onChange={setOwner} labelText="New owner" /></div>
            <button type="submit" className={primaryButton} disabled={state.running || selection.selected.length === 0 || !owner}>
              {state.running ? "Assigning…" : `Assign owner to ${selection.selected.length} VM${selection.selected.length === 1 ? "" : "s"}`}
            </button>
          </form>
        </>
      )}
      <div className="mt-3"><BatchProgress state={state} /></div>
    </section>
  );
}
