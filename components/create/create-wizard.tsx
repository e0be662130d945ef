"use client";
// The create wizard's first step: the cluster (those where the user may create VMs), then its options and the form.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { ListedCluster } from "@/components/instances/types";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card, field, label } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import { CreateForm } from "./create-form";
import type { CreateOptions } from "./types";

const mayCreate = (c: ListedCluster) => c.permissions.some((p) => p === "create_vm" || p === "admin" || p === "superuser");

export function CreateWizard({ initialCluster }: { initialCluster?: string }) {
  const clusters = useQuery({ queryKey: ["clusters"], queryFn: () => fetchJson<ListedCluster[]>("/api/clusters"), staleTime: 60_000 });
  const usable = (clusters.data ?? []).filter(mayCreate);
  const [chosen, setChosen] = useState(initialCluster ?? "");
  const cluster = chosen || (usable.length === 1 ? usable[0]!.slug : "");
  const options = useQuery({
    queryKey: ["create-options", cluster],
    queryFn: () => fetchJson<CreateOptions>(`/api/clusters/${encodeURIComponent(cluster)}/create-options`),
    enabled: Boolean(cluster),
    retry: false,
    staleTime: 30_000,
  });

  if (clusters.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (clusters.isError) return <ErrorAlert error={clusters.error} />;
  if (usable.length === 0) {
    return (
      <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-6 text-amber-900">
        <p className="font-medium">You may not create VMs on any cluster.</p>
        <p className="mt-1 text-sm">Creating a VM needs the create_vm permission on a cluster (for you or one of your groups). Ask an administrator for it.</p>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <section aria-labelledby="step-cluster" className={card}>
        <h2 id="step-cluster" className="mb-3 text-base font-semibold"><span className="mr-2 text-brand-600">1</span>Cluster</h2>
        <label htmlFor="create-cluster" className={label}>Cluster</label>
        <select id="create-cluster" className={`${field} sm:max-w-sm`} value={cluster} onChange={(e) => setChosen(e.target.value)}>
          {!cluster && <option value="">Choose…</option>}
          {usable.map((c) => <option key={c.slug} value={c.slug}>{c.slug}{c.description ? ` — ${c.description}` : ""}</option>)}
        </select>
      </section>
      {cluster && options.isPending && <p className="text-sm text-slate-500">Loading what {cluster} offers…</p>}
      <ErrorAlert error={options.error} />
      {options.data && options.data.readOnly && <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">Cluster {cluster} is read-only in Gantry: VMs cannot be created on it here.</p>}
      {options.data && !options.data.readOnly && <CreateForm key={cluster} options={options.data} />}
    </div>
  );
}
