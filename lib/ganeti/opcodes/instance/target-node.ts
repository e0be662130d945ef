// Choosing and vetting the node an instance (or its mirror) moves to: Ganeti's CheckIAllocatorOrNode,
// ExpandNodeUuidAndName, CheckTargetNodeIPolicy, and an allocator run for a relocation.
import type { ConfigStore } from "../../config/config-store";
import { OpPrereqError } from "../../errors";
import type { LockSpec } from "../../jobs/locks";
import { effectiveIpolicy } from "../../objects/fill";
import type { Instance } from "../../objects/types";
import { nodeLocks, nodeName, nodesUnfitFor } from "../common";
import type { OpContext } from "../definition";
import { instanceShape, policyViolations } from "./ipolicy";

export const NODE_ALLOC_LOCK: LockSpec = { level: "node_alloc", name: "node_alloc", mode: "exclusive" };

/** A node given by UUID and/or name; both must agree when both are given. */
export function resolveNode(config: ConfigStore, uuid: string | null, name: string | null): string | null {
  if (uuid) {
    const node = config.node(uuid);
    if (!node) throw new OpPrereqError(`Node '${uuid}' not known`, "unknown_entity");
    if (name && config.expandName("node", name) !== uuid) {
      throw new OpPrereqError(`Node name '${name}' and UUID '${uuid}' do not match`, "wrong_input");
    }
    return uuid;
  }
  return name ? config.expandName("node", name) : null;
}

/** Either a node or an allocator; neither means the cluster's default allocator ("." asks for it explicitly). */
export function allocatorOrNode(config: ConfigStore, iallocator: string | null, node: string | null): { node: string } | { iallocator: string } {
  if (node && iallocator) throw new OpPrereqError("Do not specify both, iallocator and node", "wrong_input");
  if (node) return { node };
  if (iallocator && iallocator !== ".") return { iallocator };
  const fallback = config.cluster.default_iallocator;
  if (!fallback) {
    throw new OpPrereqError(
      "No iallocator or node given and no cluster-wide default iallocator found; please specify either an iallocator or a node, or set a cluster-wide default iallocator",
      "wrong_input",
    );
  }
  return { iallocator: fallback };
}

/**
 * Runs the allocator (hail's relocate) for a new home of the instance's mirror away from `exclude`, in the primary's
 * group: a new secondary for DRBD, a new primary for shared storage. Then locks the chosen node together with `keep`
 * and lets the allocation lock go.
 */
export async function relocate(ctx: OpContext, instance: Instance, request: { iallocator: string; exclude: string[]; keep: string[] }): Promise<string> {
  if (request.iallocator !== ctx.allocator.name) {
    throw new OpPrereqError(`Unknown iallocator '${request.iallocator}' (available: ${ctx.allocator.name})`, "wrong_input");
  }
  // Nodes that cannot run the instance's hypervisor (a virtual node for kvm, a real host for fake) are no home for it.
  const exclude = [...request.exclude, ...nodesUnfitFor(ctx.config, instance)];
  const target = await ctx.allocator.relocate(ctx.config, ctx.rpc, { instance: instance.uuid, exclude });
  await ctx.acquire(nodeLocks([...request.keep, target]));
  ctx.release([NODE_ALLOC_LOCK]);
  return target;
}

/** Ganeti's CheckTargetNodeIPolicy: moving to another group must meet that group's policy (or only warn). */
export function checkTargetNodePolicy(ctx: OpContext, instance: Instance, target: string, ignore: boolean): void {
  const { config } = ctx;
  const targetGroup = config.node(target)!.group;
  if (config.node(instance.primary_node)!.group === targetGroup) return;
  const violations = policyViolations(effectiveIpolicy(config.cluster, config.group(targetGroup)), instanceShape(config, instance));
  if (!violations.length) return;
  const message = `Instance does not meet target node group's (${config.group(targetGroup)?.name ?? targetGroup}) instance policy: ${violations.join(", ")}`;
  if (!ignore) throw new OpPrereqError(message, "wrong_input");
  ctx.log(`- WARNING: ${message}`);
}

export const nodeNames = (config: ConfigStore, uuids: string[]): string => uuids.map((u) => nodeName(config, u)).join(", ");
