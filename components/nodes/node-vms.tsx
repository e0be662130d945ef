// A node's VMs (primary or secondary), each linking to its page.
import type { NodeVm } from "@/components/clusters/types";
import { VmMiniTable } from "@/components/clusters/vm-mini-table";

export function NodeVms({ cluster, title, vms, empty }: { cluster: string; title: string; vms: NodeVm[]; empty: string }) {
  return (
    <section className="space-y-2" aria-label={title}>
      <h2 className="text-base font-semibold text-slate-900">{title} <span className="font-normal text-slate-500">({vms.length})</span></h2>
      {vms.length === 0
        ? <p className="text-sm text-slate-500">{empty}</p>
        : <VmMiniTable label={title} vms={vms.map((vm) => ({ ...vm, cluster }))} detail={{ title: "Template", value: (vm) => vm.diskTemplate }} />}
    </section>
  );
}
