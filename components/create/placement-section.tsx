"use client";
// Where the VM runs: chosen by the allocator (the usual choice), or on nodes the user picks — with each node's free
// memory and disk, and a secondary node for mirrored (DRBD) disks. Then whether to start it once made.
import { formatMiB } from "@/components/admin/units";
import { field, label } from "@/components/ui/styles";
import { ProblemText } from "./problem-text";
import { needsSecondary, type CreateOptions, type Draft } from "./types";

type Props = { options: CreateOptions; draft: Draft; change: (patch: Partial<Draft>) => void; problems: (field: string) => string[] };

const nodeText = (n: CreateOptions["nodes"][number]) => `${n.name} (${n.mfree !== null ? `${formatMiB(n.mfree)} free memory` : "memory unknown"}${n.dfree !== null ? `, ${formatMiB(n.dfree)} free disk` : ""})`;

export function PlacementSection({ options, draft, change, problems }: Props) {
  const manual = draft.placement === "manual";
  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="sr-only">Placement</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="inline-flex items-center gap-2"><input type="radio" name="placement" checked={!manual} onChange={() => change({ placement: "auto" })} /> Automatic: the allocator picks the best nodes</label>
          <label className="inline-flex items-center gap-2"><input type="radio" name="placement" checked={manual} onChange={() => change({ placement: "manual" })} disabled={options.nodes.length === 0} /> Choose the nodes</label>
        </div>
      </fieldset>
      {manual && (
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="create-pnode" className={label}>Primary node</label>
            <select id="create-pnode" className={field} value={draft.pnode} onChange={(e) => change({ pnode: e.target.value })}>
              <option value="">Choose…</option>
              {options.nodes.map((n) => <option key={n.name} value={n.name}>{nodeText(n)}</option>)}
            </select>
            <ProblemText id="pnode-problems" problems={problems("pnode")} />
          </div>
          {needsSecondary(draft.diskTemplate) && (
            <div>
              <label htmlFor="create-snode" className={label}>Secondary node</label>
              <select id="create-snode" className={field} value={draft.snode} onChange={(e) => change({ snode: e.target.value })}>
                <option value="">Choose…</option>
                {options.nodes.filter((n) => n.name !== draft.pnode).map((n) => <option key={n.name} value={n.name}>{nodeText(n)}</option>)}
              </select>
              <ProblemText id="snode-problems" problems={problems("snode")} />
            </div>
          )}
        </div>
      )}
      <label className="inline-flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={draft.start} onChange={(e) => change({ start: e.target.checked })} /> Start the VM once it is made
      </label>
      {!draft.start && <p className="text-xs text-slate-500">A VM that is not started uses no memory or vCPU quota until it starts.</p>}
    </div>
  );
}
