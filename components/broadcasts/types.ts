// The API's answers as the broadcast page reads them (type-only imports: nothing of the server reaches the browser).
export type { ArchivedBroadcast } from "@/lib/manager/broadcasts/list-broadcasts";
export type { BroadcastPreview } from "@/lib/manager/broadcasts/preview-broadcast";
export type { SentBroadcast } from "@/lib/manager/broadcasts/send-broadcast";
export type { ListedCluster } from "@/lib/manager/clusters/list-clusters";
export type { NodeView } from "@/lib/manager/nodes/list-nodes";

/** Which VMs' owners a notice goes to, as the form holds it. */
export type ScopeChoice = { cluster: string; kind: "cluster" | "node" | "instances"; node: string; instances: string };

/** The API's body for a scope: {cluster}, {cluster, node} or {cluster, instances}. */
export function scopeBody(scope: ScopeChoice): { cluster: string; node?: string; instances?: string[] } {
  if (scope.kind === "node") return { cluster: scope.cluster, node: scope.node };
  if (scope.kind === "instances") return { cluster: scope.cluster, instances: scope.instances.split(/[\s,]+/).filter(Boolean) };
  return { cluster: scope.cluster };
}
