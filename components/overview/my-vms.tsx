"use client";
// The signed-in user's own VMs (owned by their own persona), on every cluster, with their status.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { VmMiniTable } from "@/components/clusters/vm-mini-table";
import type { InstanceList } from "@/components/instances/types";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";

export function MyVms({ userId }: { userId: string }) {
  const owner = `user:${userId}`;
  const vms = useQuery({ queryKey: ["my-vms", owner], queryFn: () => fetchJson<InstanceList>(`/api/instances?owner=${encodeURIComponent(owner)}&pageSize=20`), refetchInterval: 10_000 });
  return (
    <section aria-labelledby="my-vms" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="my-vms" className="text-lg font-semibold text-slate-900">Your virtual machines</h2>
        <Link href="/instances?owner=me" className="text-sm text-brand-700 hover:underline">{vms.data && vms.data.total > vms.data.items.length ? `All ${vms.data.total}` : "Open the list"}</Link>
      </div>
      <ErrorAlert error={vms.error} />
      {vms.data && vms.data.items.length === 0 && (
        <p className={`${card} text-sm text-slate-600`}>You own no VM yet. <Link href="/instances/new" className="text-brand-700 hover:underline">Create one</Link> or request one under <Link href="/applications" className="text-brand-700 hover:underline">Applications</Link>.</p>
      )}
      {vms.data && vms.data.items.length > 0 && (
        <VmMiniTable label="Your virtual machines" vms={vms.data.items} detail={{ title: "Cluster", value: (vm) => vm.cluster }} />
      )}
    </section>
  );
}
