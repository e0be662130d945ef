// An opcode's result in words: an error as the cluster worded it, a value (a new VM's nodes, the jobs an evacuation
// started, …) briefly, nothing when there is none.
import type { JobOpResult } from "./types";

/** Ganeti's modify results: [["be/maxmem", 1024], …]. */
const isPairs = (value: unknown): value is Array<[string, unknown]> => Array.isArray(value) && value.every((v) => Array.isArray(v) && v.length === 2 && typeof v[0] === "string");

export function OpResultText({ result }: { result: JobOpResult }) {
  if (!result) return <span className="text-slate-400">—</span>;
  if ("error" in result) return <span className="text-red-700">{result.error}</span>;
  const value = result.value;
  if (value === true) return <span className="text-slate-700">done</span>;
  const started = startedJobs(value);
  if (started) return <span className="text-slate-700">{started}</span>;
  const text = typeof value === "string" ? value : Array.isArray(value) && value.every((v) => typeof v === "string") ? value.join(", ") : isPairs(value) ? value.map(([k, v]) => `${k} → ${typeof v === "string" ? v : JSON.stringify(v)}`).join(", ") : JSON.stringify(value);
  return <span className="break-all font-mono text-xs text-slate-700">{text}</span>;
}

/** Ganeti's ResultWithJobs ({"jobs": [[true, 21], [false, "why"]]}) in words. */
function startedJobs(value: unknown): string | null {
  const jobs = (value as { jobs?: unknown } | null)?.jobs;
  if (!Array.isArray(jobs) || !jobs.every((j) => Array.isArray(j) && j.length === 2)) return null;
  const ok = jobs.filter(([submitted]) => submitted === true).map(([, id]) => `#${id}`);
  const failed = jobs.filter(([submitted]) => submitted !== true).map(([, why]) => String(why));
  return [ok.length ? `started job${ok.length === 1 ? "" : "s"} ${ok.join(", ")}` : "started no job", ...failed.map((why) => `not started: ${why}`)].join("; ");
}
