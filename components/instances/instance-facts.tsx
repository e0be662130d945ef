// The VM at a glance: what it is, where it runs and who owns it.
import { formatMiB } from "@/components/admin/units";
import { card } from "@/components/ui/styles";
import { statusInfo } from "./instance-status";
import { fieldNumber, fieldTime } from "./instance-fields";
import type { InstanceDetail } from "./types";

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{term}</dt>
      <dd className="mt-0.5 truncate text-sm text-slate-900">{children}</dd>
    </div>
  );
}

export function InstanceFacts({ vm }: { vm: InstanceDetail }) {
  const created = fieldTime(vm, "ctime");
  const operRam = fieldNumber(vm, "oper_ram");
  return (
    <section aria-labelledby="facts-title" className={card}>
      <h2 id="facts-title" className="sr-only">Summary</h2>
      <p className="mb-4 text-sm text-slate-700">{statusInfo(vm.status).meaning}</p>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4">
        <Fact term="Owner">{vm.owner?.label ?? "no owner"}</Fact>
        <Fact term="Cluster">{vm.cluster}</Fact>
        <Fact term="Memory">{formatMiB(vm.memory)}{operRam !== null && operRam !== vm.memory && vm.operState ? <span className="text-slate-500"> (running with {formatMiB(operRam)})</span> : null}</Fact>
        <Fact term="vCPUs">{vm.vcpus}</Fact>
        <Fact term="Disk">{formatMiB(vm.diskSize)}</Fact>
        <Fact term="Disk template">{vm.diskTemplate}</Fact>
        <Fact term="Operating system">{vm.os}</Fact>
        <Fact term="Primary node">{vm.pnode}</Fact>
        <Fact term="Secondary nodes">{vm.snodes.length ? vm.snodes.join(", ") : "none"}</Fact>
        <Fact term="Admin state">{vm.adminState}</Fact>
        <Fact term="Created">{created ? created.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }) : "—"}</Fact>
        <Fact term="VNC port">{fieldNumber(vm, "network_port") ?? "—"}</Fact>
      </dl>
    </section>
  );
}
