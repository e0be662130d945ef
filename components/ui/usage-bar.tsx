// How much of a limit is used: "used / limit" with a bar (no bar when the limit is null: unlimited).
export function UsageBar({ used, limit, format, label }: { used: number; limit: number | null; format: (n: number) => string; label: string }) {
  const share = limit === null ? 0 : limit === 0 ? (used > 0 ? 1 : 0) : Math.min(used / limit, 1);
  const over = limit !== null && used > limit;
  const text = `${format(used)} / ${limit === null ? "unlimited" : format(limit)}`;
  return (
    <div className="min-w-32">
      <span className={`text-xs ${over ? "font-medium text-red-700" : "text-slate-700"}`} aria-label={`${label}: ${text}`}>{text}</span>
      {limit !== null && (
        <div aria-hidden className="mt-1 h-1.5 w-full rounded bg-slate-100">
          <div className={`h-1.5 rounded ${over || share >= 0.9 ? "bg-red-500" : share >= 0.7 ? "bg-amber-500" : "bg-emerald-500"}`} style={{ width: `${Math.round(share * 100)}%` }} />
        </div>
      )}
    </div>
  );
}
