"use client";
// A VM's disks and network cards, as Ganeti reports them: sizes, MACs and IPs from the cache at once; each NIC's mode,
// link and network from the cluster (the live details' read), once it answers.
import { useQuery } from "@tanstack/react-query";
import { formatMiB } from "@/components/admin/units";
import { table, tableCard, td, th } from "@/components/ui/styles";
import { diskSizes, nics } from "./instance-fields";
import { liveQuery, shownValue } from "./instance-live-details";
import type { InstanceDetail } from "./types";

export function InstanceHardware({ vm }: { vm: InstanceDetail }) {
  const disks = diskSizes(vm);
  const cards = nics(vm);
  const live = useQuery(liveQuery(vm.cluster, vm.name));
  const liveCell = (i: number, key: "mode" | "link" | "network") => (live.data ? shownValue(live.data.nics[i]?.[key]) : live.isPending ? "…" : "—");
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <section aria-labelledby="disks-title" className={tableCard}>
        <h2 id="disks-title" className="px-3 pb-1 pt-3 text-sm font-semibold text-slate-900">Disks</h2>
        <table className={table} aria-labelledby="disks-title">
          <thead><tr><th scope="col" className={th}>Disk</th><th scope="col" className={`${th} text-right`}>Size</th><th scope="col" className={th}>Nodes</th></tr></thead>
          <tbody>
            {disks.map((size, i) => (
              <tr key={i}><th scope="row" className={`${td} font-medium`}>disk/{i}</th><td className={`${td} text-right tabular-nums`}>{formatMiB(size)}</td><td className={`${td} text-slate-600`}>{[vm.pnode, ...vm.snodes].join(", ")}</td></tr>
            ))}
            {disks.length === 0 && <tr><td colSpan={3} className={`${td} text-slate-500`}>{vm.diskTemplate === "diskless" ? "Diskless VM." : "No disk information yet."}</td></tr>}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="nics-title" className={tableCard}>
        <h2 id="nics-title" className="px-3 pb-1 pt-3 text-sm font-semibold text-slate-900">Network cards</h2>
        <table className={table} aria-labelledby="nics-title">
          <thead>
            <tr>
              <th scope="col" className={th}>NIC</th><th scope="col" className={th}>MAC</th><th scope="col" className={th}>IP</th>
              <th scope="col" className={th}>Mode</th><th scope="col" className={th}>Link</th><th scope="col" className={th}>Network</th>
            </tr>
          </thead>
          <tbody>
            {cards.map((nic, i) => (
              <tr key={i}>
                <th scope="row" className={`${td} font-medium`}>nic/{i}</th><td className={`${td} font-mono text-xs`}>{nic.mac ?? "—"}</td><td className={`${td} font-mono text-xs`}>{nic.ip ?? "—"}</td>
                <td className={td}>{liveCell(i, "mode")}</td><td className={`${td} font-mono text-xs`}>{liveCell(i, "link")}</td><td className={td}>{liveCell(i, "network")}</td>
              </tr>
            ))}
            {cards.length === 0 && <tr><td colSpan={6} className={`${td} text-slate-500`}>No network cards.</td></tr>}
          </tbody>
        </table>
      </section>
    </div>
  );
}
