// Ganeti's instance status strings, each with its colour and what it means to the person reading it.
export type StatusInfo = { tone: "ok" | "off" | "warn" | "error"; meaning: string };

export const INSTANCE_STATUSES: Record<string, StatusInfo> = {
  running: { tone: "ok", meaning: "Running, as it should be." },
  ADMIN_down: { tone: "off", meaning: "Stopped by an administrator or user through Ganeti." },
  ADMIN_offline: { tone: "off", meaning: "Marked offline: Ganeti does not manage it until it is brought online." },
  USER_down: { tone: "warn", meaning: "Shut down from inside the guest, while Ganeti expects it up; start it again." },
  ERROR_up: { tone: "error", meaning: "Running, although Ganeti recorded it as stopped." },
  ERROR_down: { tone: "error", meaning: "Down although it should be running (it crashed or was killed)." },
  ERROR_nodedown: { tone: "error", meaning: "Its primary node does not answer; its state is unknown." },
  ERROR_nodeoffline: { tone: "error", meaning: "Its primary node is marked offline; its state is unknown." },
  ERROR_wrongnode: { tone: "error", meaning: "Running on a node other than its primary." },
};

export const statusInfo = (status: string): StatusInfo => INSTANCE_STATUSES[status] ?? { tone: "warn", meaning: status ? `Status '${status}' as the cluster reported it.` : "Not known yet (waiting for the cache)." };

export const TONE_CLASSES: Record<StatusInfo["tone"], { badge: string; dot: string }> = {
  ok: { badge: "bg-emerald-50 text-emerald-800 ring-emerald-600/20", dot: "bg-emerald-500" },
  off: { badge: "bg-slate-100 text-slate-700 ring-slate-500/20", dot: "bg-slate-400" },
  warn: { badge: "bg-amber-50 text-amber-800 ring-amber-600/20", dot: "bg-amber-500" },
  error: { badge: "bg-red-50 text-red-800 ring-red-600/20", dot: "bg-red-500" },
};
