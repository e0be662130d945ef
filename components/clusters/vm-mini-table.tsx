// A short table of VMs (a node's, or the user's own): name linking to the VM's page, status, one detail column, sizes.
import Link from "next/link";
import { formatMiB } from "@/components/admin/units";
import { instanceHref } from "@/components/instances/instance-table";
import { StatusBadge } from "@/components/instances/status-badge";
import { table, tableCard, td, th } from "@/components/ui/styles";

export type MiniVm = { cluster: string; name: string; status: string; memory: number; vcpus: number };

export function VmMiniTable<T extends MiniVm>({ label, vms, detail }: { label: string; vms: T[]; detail: { title: string; value: (vm: T) => string } }) {
  return (
    <div className={tableCard}>
      <table className={table} aria-label={label}>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>Name</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={`${th} hidden sm:table-cell`}>{detail.title}</th>
            <th scope="col" className={`${th} text-right`}>Memory</th>
            <th scope="col" className={`${th} hidden text-right sm:table-cell`}>vCPUs</th>
          </tr>
        </thead>
        <tbody>
          {vms.map((vm) => (
            <tr key={`${vm.cluster}/${vm.name}`} className="hover:bg-slate-50">
              <th scope="row" className={`${td} whitespace-nowrap`}><Link href={instanceHref(vm.cluster, vm.name)} className="font-medium text-brand-700 hover:underline">{vm.name}</Link></th>
              <td className={td}><StatusBadge status={vm.status} /></td>
              <td className={`${td} hidden sm:table-cell`}>{detail.value(vm)}</td>
              <td className={`${td} text-right tabular-nums`}>{formatMiB(vm.memory)}</td>
              <td className={`${td} hidden text-right tabular-nums sm:table-cell`}>{vm.vcpus}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
