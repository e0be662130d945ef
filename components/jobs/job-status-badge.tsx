// A job's (or an opcode's) Ganeti status with a colour: queued and waiting grey, running blue, success green, error red.
const TONES: Record<string, string> = {
  queued: "bg-slate-100 text-slate-700 ring-slate-500/20",
  waiting: "bg-slate-100 text-slate-700 ring-slate-500/20",
  running: "bg-blue-50 text-blue-800 ring-blue-600/20",
  canceling: "bg-amber-50 text-amber-800 ring-amber-600/20",
  canceled: "bg-amber-50 text-amber-800 ring-amber-600/20",
  success: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  error: "bg-red-50 text-red-800 ring-red-600/20",
};

export function JobStatusBadge({ status }: { status: string }) {
  return (
    <span data-status={status} className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[status] ?? TONES.queued}`}>
      {status === "running" && <span aria-hidden className="h-1.5 w-1.5 animate-pulse rounded-full bg-blue-500" />}
      {status || "unknown"}
    </span>
  );
}
