"use client";
// What the cache does not keep, read live from the cluster when the page opens: the hypervisor and its parameters
// (those set on this VM marked), and the OS parameters. (Each NIC's mode, link and network from the same read are in
// the hardware's NIC table.) A cluster that does not answer leaves the rest of the page as is.
import { useQuery } from "@tanstack/react-query";
import { badge, card, table, tableCard, td, th } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { vmPath } from "./use-vm-action";

export type InstanceLive = {
  hypervisor: string | null;
  hvparams: Record<string, unknown>;
  customHvparams: Record<string, unknown>;
  /** null: the cluster did not say. */
  osparams: Record<string, unknown> | null;
  nics: Array<{ mac: unknown; ip: unknown; mode: unknown; link: unknown; network: unknown }>;
  operatingSystems: string[] | null;
};

export const liveQuery = (cluster: string, name: string) => ({
  queryKey: ["instance-live", cluster, name],
  queryFn: () => fetchJson<InstanceLive>(`${vmPath(cluster, name)}/live`),
  retry: false,
  staleTime: 30_000,
});

export const shownValue = (value: unknown) => (value === null || value === undefined || value === "" ? "—" : typeof value === "object" ? JSON.stringify(value) : String(value));

const sorted = (params: Record<string, unknown>) => Object.entries(params).sort(([a], [b]) => a.localeCompare(b));

function ParamTable({ id, title, rows, own, empty }: { id: string; title: string; rows: Array<[string, unknown]>; own?: Record<string, unknown>; empty: string }) {
  return (
    <section aria-labelledby={id} className={tableCard}>
      <h2 id={id} className="px-3 pb-1 pt-3 text-sm font-semibold text-slate-900">{title}</h2>
      <table className={table} aria-labelledby={id}>
        <thead><tr><th scope="col" className={th}>Parameter</th><th scope="col" className={th}>Value</th></tr></thead>
        <tbody>
          {rows.map(([key, value]) => (
            <tr key={key}>
              <th scope="row" className={`${td} font-mono text-xs font-normal`}>{key}</th>
              <td className={`${td} break-all font-mono text-xs`}>{shownValue(value)}{own && key in own && <span className={`${badge} ml-2 font-sans`}>set on this VM</span>}</td>
            </tr>
          ))}
          {rows.length === 0 && <tr><td colSpan={2} className={`${td} text-slate-500`}>{empty}</td></tr>}
        </tbody>
      </table>
    </section>
  );
}

export function InstanceLiveDetails({ cluster, name }: { cluster: string; name: string }) {
  const live = useQuery(liveQuery(cluster, name));
  if (live.isPending) return <p className={`${card} text-sm text-slate-500`}>Reading the hypervisor parameters from the cluster…</p>;
  if (live.error) return <p className={`${card} text-sm text-slate-600`}>The cluster did not give the hypervisor parameters: {live.error.message}</p>;
  const { hypervisor, hvparams, customHvparams, osparams } = live.data;
  return (
    <div className="grid items-start gap-4 lg:grid-cols-2">
      <ParamTable id="hv-title" title={`Hypervisor: ${hypervisor ?? "—"}`} rows={sorted(hvparams)} own={customHvparams} empty="No parameters." />
      <ParamTable id="os-title" title="OS parameters" rows={sorted(osparams ?? {})}
        empty={osparams ? "None: the OS's defaults." : "The cluster did not give them (Gantry reads them with a RAPI user)."} />
    </div>
  );
}
