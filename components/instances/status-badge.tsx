// A VM's Ganeti status (the exact string Ganeti users know) with a colour and, for screen readers and on hover, what it means.
import { statusInfo, TONE_CLASSES } from "./instance-status";

export function StatusBadge({ status }: { status: string }) {
  const info = statusInfo(status);
  const tone = TONE_CLASSES[info.tone];
  return (
    <span title={info.meaning} data-status={status}
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 font-mono text-xs font-medium ring-1 ring-inset ${tone.badge}`}>
      <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${tone.dot}`} />
      {status || "unknown"}
      <span className="sr-only"> — {info.meaning}</span>
    </span>
  );
}
