// A request's status with a colour, and what it means in words beside it (or for screen readers only, when compact).
import type { RequestView } from "./types";

const TONES: Record<string, string> = {
  pending: "bg-amber-50 text-amber-800 ring-amber-600/20",
  approved: "bg-blue-50 text-blue-800 ring-blue-600/20",
  submitted: "bg-blue-50 text-blue-800 ring-blue-600/20",
  created: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  failed: "bg-red-50 text-red-800 ring-red-600/20",
  rejected: "bg-red-50 text-red-800 ring-red-600/20",
  withdrawn: "bg-slate-100 text-slate-700 ring-slate-500/20",
};

export function RequestStatusBadge({ request, words = true }: { request: Pick<RequestView, "status" | "statusWords">; words?: boolean }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span data-status={request.status} title={request.statusWords}
        className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[request.status] ?? TONES.withdrawn}`}>
        {request.status}
      </span>
      <span className={words ? "text-xs text-slate-600" : "sr-only"}>{request.statusWords}</span>
    </span>
  );
}
