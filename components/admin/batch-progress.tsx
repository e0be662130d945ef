// Progress of a batch of per-VM requests, and the message of each one that failed.
import type { BatchState } from "./use-owner-batch";

export function BatchProgress({ state }: { state: BatchState }) {
  if (state.total === 0) return null;
  return (
    <div className="space-y-2">
      <div role="status" className="text-sm text-slate-700">
        {state.running ? `Working: ${state.done} of ${state.total}…` : `Done: ${state.total - state.failures.length} of ${state.total} succeeded.`}
        <progress className="ml-3 align-middle" max={state.total} value={state.done} aria-label="Progress" />
      </div>
      {state.failures.length > 0 && (
        <ul role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.failures.map((f) => <li key={f.name}><span className="font-medium">{f.name}</span>: {f.message}</li>)}
        </ul>
      )}
    </div>
  );
}
