"use client";
// What the cache does not keep, read live from the cluster when the page opens: the hypervisor and its parameters,
// and each network card's mode, link and network. A cluster that does not answer leaves the rest of the page as is.
import { useQuery } from "@tanstack/react-query";
import { card, table, tableCard, td, th } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { vmPath } from "./use-vm-action";

export type InstanceLive = {
  hypervisor: string | null;
  hvparams: Record<string, unknown>;
  nics: Array<{ mac: unknown; ip: unknown; mode: unknown; link: unknown; network: unknown }>;
  operatingSystems: string[] | null;
};

export const liveQuery = (cluster: string, name: string) => ({
  queryKey: ["instance-live", cluster, name],
  queryFn: () => fetchJson<InstanceLive>(`${vmPath(cluster, name)}/live`),
  retry: false,
  staleTime: 30_000,
});

const show = (value: unknown) => (value === null || value === undefined || value === "" ? "—" : typeof value === "object" ? JSON.stringify(value) : String(value));

export function InstanceLiveDetails({ cluster, name }: { cluster: string; name: string }) {
  const live = useQuery(liveQuery(cluster, name));
  if (live.isPending) return <p className={`${card} text-sm text-slate-500`}>Reading the hypervisor parameters from the cluster…</p>;
  if (live.error) return <p className={`${card} text-sm text-slate-600`}>The cluster did not give the hypervisor parameters: {live.error.message}</p>;
  const params = Object.entries(live.data.hvparams).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <section aria-labelledby="hv-title" className={tableCard}>
        <h2 id="hv-title" className="px-3 pb-1 pt-3 text-sm font-semibold text-slate-900">Hypervisor: {live.data.hypervisor ?? "—"}</h2>
        <table className={table} aria-labelledby="hv-title">
          <thead><tr><th scope="col" className={th}>Parameter</th><th scope="col" className={th}>Value</th></tr></thead>
          <tbody>
            {params.map(([key, value]) => (
              <tr key={key}><th scope="row" className={`${td} font-mono text-xs font-normal`}>{key}</th><td className={`${td} break-all font-mono text-xs`}>{show(value)}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="nic-net-title" className={tableCard}>
        <h2 id="nic-net-title" className="px-3 pb-1 pt-3 text-sm font-semibold text-slate-900">Network connections</h2>
        <table className={table} aria-labelledby="nic-net-title">
          <thead><tr><th scope="col" className={th}>NIC</th><th scope="col" className={th}>Mode</th><th scope="col" className={th}>Link</th><th scope="col" className={th}>Network</th></tr></thead>
          <tbody>
            {live.data.nics.map((nic, i) => (
              <tr key={i}><th scope="row" className={`${td} font-medium`}>nic/{i}</th><td className={td}>{show(nic.mode)}</td><td className={`${td} font-mono text-xs`}>{show(nic.link)}</td><td className={td}>{show(nic.network)}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
