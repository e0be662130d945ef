// Audit rows, newest first: when, who, what, on which object, the result, and the details behind a disclosure.
import type { AuditItem } from "@/components/admin/types";
import { card, table, td, th } from "@/components/ui/styles";

const RESULT_STYLE: Record<string, string> = {
  success: "bg-emerald-50 text-emerald-800",
  refused: "bg-amber-50 text-amber-800",
  failed: "bg-red-50 text-red-700",
};

export function AuditTable({ items }: { items: AuditItem[] }) {
  return (
    <div className={`${card} overflow-x-auto p-0`}>
      <table className={table} aria-label="Audit log entries">
        <thead>
          <tr>
            <th scope="col" className={th}>Time</th>
            <th scope="col" className={th}>Actor</th>
            <th scope="col" className={th}>Action</th>
            <th scope="col" className={th}>Object</th>
            <th scope="col" className={th}>Job</th>
            <th scope="col" className={th}>Result</th>
            <th scope="col" className={th}>Message</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td className={`${td} whitespace-nowrap text-xs`}><time dateTime={item.at}>{new Date(item.at).toLocaleString()}</time></td>
              <td className={`${td} text-xs`}>{item.actorEmail || <span className="text-slate-400">system</span>}{item.ip && <div className="text-slate-400">{item.ip}</div>}</td>
              <td className={`${td} font-mono text-xs`}>{item.action}</td>
              <td className={`${td} text-xs`}>{item.objectType && <span className="text-slate-500">{item.objectType} </span>}{item.objectName || item.objectId}</td>
              <td className={`${td} text-xs`}>{item.jobId ?? ""}</td>
              <td className={td}><span className={`rounded px-1.5 py-0.5 text-xs ${RESULT_STYLE[item.result] ?? "bg-slate-100"}`}>{item.result}</span></td>
              <td className={`${td} text-xs`}>
                {item.message}
                {(item.before !== null || item.after !== null) && (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-slate-500">Before / after</summary>
                    <pre className="mt-1 max-w-md overflow-x-auto rounded bg-slate-50 p-2 text-[11px]">{JSON.stringify({ before: item.before, after: item.after }, null, 2)}</pre>
                  </details>
                )}
              </td>
            </tr>
          ))}
          {items.length === 0 && <tr><td colSpan={7} className="px-3 py-6 text-center text-sm text-slate-500">No entry matches.</td></tr>}
        </tbody>
      </table>
    </div>
  );
}
