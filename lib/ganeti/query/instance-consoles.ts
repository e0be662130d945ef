// The console field of instances whose primary node opens consoles when asked (fake): the nodes are asked once per
// query, one call per node, for the running instances the query returns and only those, so a query of one instance
// opens one console, never one per instance of the cluster.
import { CONSOLES_OPENED_BY_NODE } from "../hypervisors/console";
import type { Instance } from "../objects/types";
import type { NodeRpcRunner } from "../rpc/rpc-runner";
import type { InstanceQueryContext } from "./instance-context";

export async function collectConsoles(rpc: NodeRpcRunner, ctx: InstanceQueryContext, instances: Iterable<Instance>): Promise<void> {
  const byNode = new Map<string, string[]>();
  for (const i of instances) {
    if (!CONSOLES_OPENED_BY_NODE.has(i.hypervisor) || !ctx.running.has(i.name)) continue;
    const names = byNode.get(i.primary_node);
    if (names) names.push(i.name);
    else byNode.set(i.primary_node, [i.name]);
  }
  if (!byNode.size) return;
  const answers = await rpc.each([...byNode.keys()], (node, n) => node.instanceConsoles(byNode.get(n.uuid)!));
  for (const [uuid, names] of byNode) {
    const result = answers.get(uuid);
    names.forEach((name, k) => ctx.consoles.set(name, result?.ok ? (result.value[k] ?? null) : { error: result?.error.message ?? "no answer" }));
  }
}

/** The consoles' answers as text, for a query's live key: a console opened again elsewhere is a different answer. */
export function consolesKey(ctx: InstanceQueryContext): string {
  return JSON.stringify([...ctx.consoles]);
}
