// The notices sent before, newest first: when, by whom, to which VMs' owners, how many, how delivery stands, and the
// text itself on demand.
import { shortTime } from "@/components/jobs/job-href";
import { table, tableCard, td, th } from "@/components/ui/styles";
import type { ArchivedBroadcast } from "./types";

const scopeText = ({ scope }: ArchivedBroadcast) =>
  scope.node ? `VMs of node ${scope.node} on ${scope.cluster}` : scope.instances ? `${scope.instances.length} chosen VM${scope.instances.length === 1 ? "" : "s"} on ${scope.cluster}` : `all VMs of ${scope.cluster}`;

const deliveryText = (delivery: Record<string, number>) => Object.entries(delivery).map(([status, n]) => `${n} ${status}`).join(", ") || "—";

export function BroadcastArchive({ items }: { items: ArchivedBroadcast[] }) {
  if (!items.length) return <p className="text-sm text-slate-600">No notice has been sent yet.</p>;
  return (
    <div className={tableCard}>
      <table className={table} aria-label="Sent notices">
        <thead>
          <tr><th className={th}>Sent</th><th className={th}>By</th><th className={th}>Subject</th><th className={th}>To the owners of</th><th className={th}>Recipients</th><th className={th}>Delivery</th></tr>
        </thead>
        <tbody>
          {items.map((b) => (
            <tr key={b.id}>
              <td className={`${td} whitespace-nowrap`}>{shortTime(b.createdAt)}</td>
              <td className={td}>{b.sender}</td>
              <td className={td}>
                <details>
                  <summary className="cursor-pointer font-medium text-slate-900">{b.subject}</summary>
                  <p className="mt-1 whitespace-pre-wrap text-slate-700">{b.text}</p>
                  {b.scope.instances && <p className="mt-1 font-mono text-xs text-slate-500">{b.scope.instances.join(", ")}</p>}
                </details>
              </td>
              <td className={td}>{scopeText(b)}</td>
              <td className={`${td} tabular-nums`}>{b.recipients}</td>
              <td className={td}>{deliveryText(b.delivery)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
