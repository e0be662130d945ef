"use client";
// Which VMs' owners a notice goes to: a cluster this user may broadcast on, then all its VMs, one node's (primary or
// secondary), or VMs named one by one (the VM list's "Notify owners" fills them in).
import { useQuery } from "@tanstack/react-query";
import { field, label } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";
import type { NodeView, ScopeChoice } from "./types";

type Props = { clusters: string[]; scope: ScopeChoice; onChange: (scope: ScopeChoice) => void };

const KINDS: Array<[ScopeChoice["kind"], string]> = [["cluster", "All its VMs"], ["node", "The VMs of a node"], ["instances", "Chosen VMs"]];

export function ScopePicker({ clusters, scope, onChange }: Props) {
  const set = (change: Partial<ScopeChoice>) => onChange({ ...scope, ...change });
  const nodes = useQuery({
    queryKey: ["nodes", scope.cluster],
    queryFn: () => fetchJson<{ nodes: NodeView[] }>(`/api/nodes?cluster=${encodeURIComponent(scope.cluster)}`),
    enabled: scope.kind === "node" && Boolean(scope.cluster),
  });
  return (
    <fieldset className="space-y-3">
      <legend className="sr-only">Recipients</legend>
      <div>
        <label htmlFor="broadcast-cluster" className={label}>Cluster</label>
        <select id="broadcast-cluster" className={field} value={scope.cluster} onChange={(e) => set({ cluster: e.target.value, node: "" })}>
          {clusters.map((slug) => <option key={slug} value={slug}>{slug}</option>)}
        </select>
      </div>
      <div role="radiogroup" aria-label="Owners of" className="flex flex-wrap gap-4 text-sm">
        {KINDS.map(([kind, text]) => (
          <label key={kind} className="flex items-center gap-2">
            <input type="radio" name="broadcast-kind" checked={scope.kind === kind} onChange={() => set({ kind })} /> {text}
          </label>
        ))}
      </div>
      {scope.kind === "node" && (
        <div>
          <label htmlFor="broadcast-node" className={label}>Node</label>
          <select id="broadcast-node" className={field} value={scope.node} onChange={(e) => set({ node: e.target.value })}>
            <option value="">{nodes.isPending ? "Loading…" : "Choose a node"}</option>
            {(nodes.data?.nodes ?? []).map((n) => <option key={n.name} value={n.name}>{n.name} ({n.primaries} primary, {n.secondaries} secondary)</option>)}
          </select>
        </div>
      )}
      {scope.kind === "instances" && (
        <div>
          <label htmlFor="broadcast-vms" className={label}>VM names</label>
          <textarea id="broadcast-vms" className={`${field} font-mono`} rows={4} value={scope.instances} onChange={(e) => set({ instances: e.target.value })}
            placeholder="web1.example.org, one per line or separated by commas" />
        </div>
      )}
    </fieldset>
  );
}
