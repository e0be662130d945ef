// One node group's rebalance plan: the score before → after, and hbal's moves in order, job set by job set — each
// move with where the VM is, where it goes, and the gnt-instance commands an operator would type for it.
import type { GroupPlan, PlannedMove } from "./types";

const score = (n: number) => n.toFixed(4);

function Place({ place }: { place: PlannedMove["from"] }) {
  return <span className="break-all">{place.primary}{place.secondary && <span className="text-slate-500"> / {place.secondary}</span>}</span>;
}

export function RebalanceMoves({ plan }: { plan: GroupPlan }) {
  const moves = plan.jobSets.flat().length;
  return (
    <div className="space-y-3" role="group" aria-label={`Group ${plan.group}`}>
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
        <h3 className="font-semibold text-slate-900">Group {plan.group}</h3>
        <span className="text-slate-600">{plan.nodes} nodes · {plan.instances} VMs · {moves} move{moves === 1 ? "" : "s"}</span>
        <span data-testid="rebalance-score">Score <span className="font-mono">{score(plan.initialScore)}</span> → <span className="font-mono font-semibold">{score(plan.finalScore)}</span></span>
        <span className="text-xs text-slate-500">optimum {score(plan.optimumScore)}</span>
      </div>
      {moves === 0 ? <p className="text-sm text-emerald-800">Already balanced: nothing to move in this group.</p> : (
        <ol className="space-y-3">
          {plan.jobSets.map((set, i) => (
            <li key={i} className="rounded-md border border-slate-200">
              <p className="border-b border-slate-100 bg-slate-50 px-3 py-1.5 text-xs font-medium uppercase tracking-wide text-slate-500">Job set {i + 1} · {set.length} move{set.length === 1 ? "" : "s"} in parallel</p>
              <ul aria-label={`Job set ${i + 1} of group ${plan.group}`} className="divide-y divide-slate-100">
                {set.map((move) => (
                  <li key={move.instance} className="space-y-1 px-3 py-2 text-sm">
                    <p className="font-medium text-slate-900 break-all">{move.instance}</p>
                    <p className="text-slate-700"><span className="sr-only">from </span><Place place={move.from} /> <span aria-label="to" className="px-1 text-slate-400">→</span> <Place place={move.to} /></p>
                    <pre className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-50 px-2 py-1 font-mono text-xs text-slate-700">{move.commands.join("\n")}</pre>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
