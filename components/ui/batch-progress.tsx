// Progress of a batch of per-item requests: how many are done, and the message of each one that failed. Given
// `detail`, every item gets a line of its own — waiting, being sent, what came of it (detail of the API's answer) or
// why it failed.
import type { ReactNode } from "react";
import type { BatchState } from "./use-batch";

type Props<R> = {
  state: BatchState<R>;
  label?: string;
  /** The summary once all are sent. */
  doneText?: (succeeded: number, total: number) => string;
  detail?: (value: R, name: string) => ReactNode;
};

const succeeded = (ok: number, total: number) => `Done: ${ok} of ${total} succeeded.`;

export function BatchProgress<R>({ state, label = "Progress", doneText = succeeded, detail }: Props<R>) {
  const total = state.names.length;
  if (total === 0) return null;
  const done = state.outcomes.length;
  const failures = state.outcomes.filter((o) => !o.ok);
  return (
    <div className="space-y-2">
      <div role="status" className="text-sm text-slate-700">
        {state.running ? `Working: ${done} of ${total}…` : doneText(total - failures.length, total)}
        <span role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} className="ml-3 inline-block h-1.5 w-32 rounded bg-slate-100 align-middle">
          <span className={`block h-1.5 rounded ${failures.length ? "bg-amber-500" : "bg-emerald-500"}`} style={{ width: `${Math.round((done / total) * 100)}%` }} />
        </span>
      </div>
      {detail ? (
        <ul aria-label={`${label} per item`} className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white text-sm">
          {state.names.map((name, i) => {
            const outcome = state.outcomes[i];
            return (
              <li key={`${i}-${name}`} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2">
                <span className="font-medium text-slate-900">{name}</span>
                {!outcome && <span className="text-slate-500">{state.running && i === done ? "sending…" : "waiting"}</span>}
                {outcome?.ok && detail(outcome.value, name)}
                {outcome && !outcome.ok && <span role="alert" className="text-red-700">{outcome.message}</span>}
              </li>
            );
          })}
        </ul>
      ) : (
        failures.length > 0 && (
          <ul role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {failures.map((f) => <li key={f.name}><span className="font-medium">{f.name}</span>: {!f.ok && f.message}</li>)}
          </ul>
        )
      )}
    </div>
  );
}
