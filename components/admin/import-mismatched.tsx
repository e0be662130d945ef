"use client";
// VMs whose owner tag on the cluster names someone else than Gantry's record: set the owner again to rewrite the tag.
import { BatchProgress } from "@/components/ui/batch-progress";
import { useSelection } from "@/components/ui/selection";
import { card, primaryButton, table, td, th } from "@/components/ui/styles";
import type { ImportReport } from "./types";
import { useOwnerBatch } from "./use-owner-batch";

export function ImportMismatched({ slug, mismatched }: { slug: string; mismatched: ImportReport["mismatched"] }) {
  const selection = useSelection(mismatched.map((m) => m.name));
  const { state, run } = useOwnerBatch(slug);
  const all = mismatched.length > 0 && selection.selected.length === mismatched.length;
  const ownerOf = new Map(mismatched.map((m) => [m.name, m.owner]));
  return (
    <section className={`${card} mb-6`} aria-labelledby="mismatched">
      <h2 id="mismatched" className="mb-1 text-lg font-medium">Owner tags that differ ({mismatched.length})</h2>
      <p className="mb-3 text-sm text-slate-600">Gantry&apos;s record wins: rewriting sets the tag on the cluster to the recorded owner.</p>
      {mismatched.length === 0 ? <p className="text-sm text-slate-500">None.</p> : (
        <>
          <table className={table}>
            <thead>
              <tr>
                <th scope="col" className={th}><input type="checkbox" aria-label="Select all VMs whose tag differs" checked={all} onChange={(e) => selection.setAll(e.target.checked)} /></th>
                <th scope="col" className={th}>VM</th>
                <th scope="col" className={th}>Owner in Gantry</th>
                <th scope="col" className={th}>Owner tag on the cluster</th>
              </tr>
            </thead>
            <tbody>
              {mismatched.map((m) => (
                <tr key={m.name}>
                  <td className={td}><input type="checkbox" aria-label={`Select ${m.name}`} checked={selection.isSelected(m.name)} onChange={(e) => selection.toggle(m.name, e.target.checked)} /></td>
                  <td className={td}>{m.name}</td>
                  <td className={td}>{m.ownerLabel}</td>
                  <td className={`${td} font-mono text-xs`}>{m.ownerTag ?? <span className="text-slate-400">none</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className={`${primaryButton} mt-4`} disabled={state.running || selection.selected.length === 0}
            onClick={() => void run(selection.selected.map((name) => ({ name, owner: ownerOf.get(name)! }))).then(selection.clear)}>
            {state.running ? "Rewriting…" : `Rewrite ${selection.selected.length} tag${selection.selected.length === 1 ? "" : "s"}`}
          </button>
        </>
      )}
      <div className="mt-3"><BatchProgress state={state} /></div>
    </section>
  );
}
