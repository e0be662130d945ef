// GWM's node table: role and flags, memory and disk used/total with bars (the chart of use per node), CPUs, and
// primary/secondary VM counts. Each node links to its page.
import Link from "next/link";
import { formatMiB } from "@/components/admin/units";
import { UsageBar } from "@/components/ui/usage-bar";
import { badge, table, tableCard, td, th } from "@/components/ui/styles";
import { nodeHref, type NodeView } from "./types";

export function NodeFlags({ node }: { node: NodeView }) {
  const flags = [node.offline && "offline", node.drained && "drained", node.masterCandidate && "master candidate", !node.vmCapable && "not VM-capable"].filter(Boolean) as string[];
  if (flags.length === 0) return <span className="text-slate-400">—</span>;
  return <span className="flex flex-wrap gap-1">{flags.map((f) => <span key={f} className={f === "offline" || f === "drained" ? "rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800" : badge}>{f}</span>)}</span>;
}

const used = (c: { total: number | null; free: number | null }) => (c.total ?? 0) - (c.free ?? 0);

export function NodeTable({ cluster, nodes }: { cluster: string; nodes: NodeView[] }) {
  return (
    <div className={tableCard}>
      <table className={table} aria-label={`Nodes of ${cluster}`}>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>Node</th>
            <th scope="col" className={th}>Role</th>
            <th scope="col" className={`${th} hidden sm:table-cell`}>Flags</th>
            <th scope="col" className={th}>Memory</th>
            <th scope="col" className={th}>Disk</th>
            <th scope="col" className={`${th} hidden text-right md:table-cell`}><abbr title="vCPUs of the VMs that are up / the node's CPUs">vCPUs / CPUs</abbr></th>
            <th scope="col" className={`${th} text-right`}><abbr title="primary / secondary VMs">VMs</abbr></th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => (
            <tr key={n.name} className="hover:bg-slate-50">
              <th scope="row" className={`${td} whitespace-nowrap`}>
                <Link href={nodeHref(cluster, n.name)} className="font-medium text-brand-700 hover:underline">{n.name}</Link>
                <span className="block text-xs font-normal text-slate-500">group {n.group}</span>
              </th>
              <td className={`${td} whitespace-nowrap`} data-testid="node-role">{n.role}</td>
              <td className={`${td} hidden sm:table-cell`}><NodeFlags node={n} /></td>
              <td className={td}><UsageBar used={used(n.memory)} limit={n.memory.total} format={formatMiB} label={`${n.name} memory used`} /></td>
              <td className={td}><UsageBar used={used(n.disk)} limit={n.disk.total} format={formatMiB} label={`${n.name} disk used`} /></td>
              <td className={`${td} hidden text-right tabular-nums md:table-cell`}>{n.vcpusAllocated} / {n.cpus ?? "—"}</td>
              <td className={`${td} whitespace-nowrap text-right tabular-nums`}>{n.primaries} / {n.secondaries}</td>
            </tr>
          ))}
          {nodes.length === 0 && <tr><td colSpan={7} className="px-3 py-8 text-center text-sm text-slate-500">No nodes in the cache yet; they appear after the first sync.</td></tr>}
        </tbody>
      </table>
    </div>
  );
}
