// One page of VMs: a checkbox to select it for a bulk action (disabled, saying why, where the user may take none),
// name (a link to its page), status, owner, cluster, nodes and sizes. Columns that matter less give way on narrow
// screens; the table scrolls sideways rather than squeezing.
import Link from "next/link";
import { formatMiB } from "@/components/admin/units";
import { Checkbox } from "@/components/ui/checkbox";
import { table, tableCard, td, th } from "@/components/ui/styles";
import { notSelectableBecause, vmKey } from "./bulk-actions";
import type { ListQuery } from "./instance-query";
import { SortHeader } from "./sort-header";
import { StatusBadge } from "./status-badge";
import type { InstanceListItem } from "./types";

export const instanceHref = (cluster: string, name: string) => `/instances/${encodeURIComponent(cluster)}/${encodeURIComponent(name)}`;

export type TableSelection = { isSelected: (key: string) => boolean; toggle: (key: string, on: boolean) => void; setAll: (on: boolean) => void; count: number; selectable: number };

export function InstanceTable({ items, query, busy, selection }: { items: InstanceListItem[]; query: ListQuery; busy: boolean; selection: TableSelection }) {
  const all = selection.selectable > 0 && selection.count === selection.selectable;
  return (
    <div className={`${tableCard} transition-opacity ${busy ? "opacity-60" : ""}`}>
      <table className={table} aria-label="Virtual machines" aria-busy={busy}>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={`${th} w-8`}>
              <Checkbox aria-label="Select all VMs on this page" checked={all} indeterminate={selection.count > 0 && !all} disabled={selection.selectable === 0}
                onChange={(e) => selection.setAll(e.target.checked)} />
            </th>
            <SortHeader query={query} sortKey="name" label="Name" />
            <SortHeader query={query} sortKey="status" label="Status" />
            <th scope="col" className={th}>Owner</th>
            <SortHeader query={query} sortKey="pnode" label="Primary node" className="hidden lg:table-cell" />
            <SortHeader query={query} sortKey="memory" label="Memory" className="text-right" />
            <SortHeader query={query} sortKey="vcpus" label="vCPUs" className="hidden text-right sm:table-cell" />
            <SortHeader query={query} sortKey="disk" label="Disk" className="hidden text-right sm:table-cell" />
          </tr>
        </thead>
        <tbody>
          {items.map((vm) => {
            const key = vmKey(vm);
            const why = notSelectableBecause(vm);
            return (
              <tr key={key} className={selection.isSelected(key) ? "bg-brand-50" : "hover:bg-slate-50"}>
                <td className={td} title={why ?? undefined}>
                  <Checkbox aria-label={`Select ${vm.name}`} checked={selection.isSelected(key)} disabled={why !== null} title={why ?? undefined}
                    aria-describedby={why ? `why-${key}` : undefined} onChange={(e) => selection.toggle(key, e.target.checked)} />
                  {why && <span id={`why-${key}`} className="sr-only">{why}</span>}
                </td>
                <th scope="row" className={`${td} whitespace-nowrap`}>
                  <Link href={instanceHref(vm.cluster, vm.name)} className="font-medium text-brand-700 hover:underline">{vm.name}</Link>
                  <span className="block text-xs font-normal text-slate-500">{vm.cluster} · {vm.diskTemplate} · {vm.os}</span>
                </th>
                <td className={td}><StatusBadge status={vm.status} /></td>
                <td className={`${td} whitespace-nowrap text-slate-700`}>{vm.owner?.label ?? <span className="text-slate-400">no owner</span>}</td>
                <td className={`${td} hidden whitespace-nowrap text-slate-700 lg:table-cell`}>{vm.pnode}{vm.snodes.length > 0 && <span className="text-slate-400"> → {vm.snodes.join(", ")}</span>}</td>
                <td className={`${td} text-right tabular-nums`}>{formatMiB(vm.memory)}</td>
                <td className={`${td} hidden text-right tabular-nums sm:table-cell`}>{vm.vcpus}</td>
                <td className={`${td} hidden text-right tabular-nums sm:table-cell`}>{formatMiB(vm.diskSize)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
