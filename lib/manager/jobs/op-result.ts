// An opcode's result as a person reads it: a failure is Ganeti's [ErrorClass, [message, code]] — shown as
// "message (code)"; a success is kept as the cluster returned it (a new instance's nodes, the jobs an evacuation
// started, …).
export type OpResultView = { error: string } | { value: unknown } | null;

export function describeOpResult(status: string | undefined, result: unknown): OpResultView {
  if (result === undefined || result === null) return null;
  if (status !== "error") return { value: result };
  if (Array.isArray(result) && typeof result[0] === "string") {
    const [kind, detail] = result as [string, unknown];
    if (Array.isArray(detail) && typeof detail[0] === "string") return { error: `${detail[0]}${detail[1] ? ` (${String(detail[1])})` : ""}` };
    return { error: `${kind}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}` };
  }
  return { error: typeof result === "string" ? result : JSON.stringify(result) };
}
