// Global N+1 redundancy (Ganeti's GlobalN1.hs): a placement is acceptable only if afterwards every node could
// fail and all its instances still run elsewhere — DRBD ones failed over, shared-storage ones moved within the
// group, the rest recreated on another node of the group. hail runs this check for every allocation, so it runs on
// flat, mutable node records (global-n1-fast.ts); global-n1-reference.ts keeps the list-building reference.
import { applyElement } from "./apply-element";
import { type FailoverRefusal, failoverRefusals, redundantFast } from "./global-n1-fast";
import type { AllocElement } from "./solution";
import type { AllocOptions, InstanceList, NodeList } from "./types";

export { applyElement } from "./apply-element";
export { canEvacuateNode, redundantReference } from "./global-n1-reference";

/** redundant: every node (offline ones too, unless accepting existing errors) can be evacuated. */
export function redundant(opts: AllocOptions, nl: NodeList, il: InstanceList): boolean {
  return redundantFast(opts, nl, il);
}

/**
 * allocGlobalN1: whether the cluster stays globally N+1 redundant with this placement. Given the list the placements
 * start from, a placement that leaves one of that list's failover refusals untouched is refused without simulating
 * every node again (hspace's shrinking tries thousands of them on a cluster that is no longer redundant).
 */
export function allocGlobalN1(opts: AllocOptions, il: InstanceList, base?: NodeList): (e: AllocElement<unknown>) => boolean {
  let refusals: FailoverRefusal[] | undefined;
  let likelyFailing: number[] = [];
  return (e) => {
    if (base) {
      if (refusals === undefined) {
        refusals = knownRefusals(opts, base, il);
        likelyFailing = refusals.map((r) => r.node);
      }
      for (const { read } of refusals) if (unchanged(read, e.nodes, base)) return false;
    }
    const after = applyElement(il, e);
    return redundantFast(opts, after.nodes, after.instances, likelyFailing);
  };
}

function unchanged(read: Set<number>, nodes: NodeList, base: NodeList): boolean {
  for (const k of read) if (nodes[k] !== base[k]) return false;
  return true;
}

/** failoverRefusals per starting list and instance list (the same lists are tried again and again). */
const refusalCache = new WeakMap<NodeList, WeakMap<InstanceList, Map<string, FailoverRefusal[]>>>();

function knownRefusals(opts: AllocOptions, nl: NodeList, il: InstanceList): FailoverRefusal[] {
  let byInstances = refusalCache.get(nl);
  if (!byInstances) refusalCache.set(nl, (byInstances = new WeakMap()));
  let byOpts = byInstances.get(il);
  if (!byOpts) byInstances.set(il, (byOpts = new Map()));
  const key = `${opts.acceptExisting ? 1 : 0}|${[...(opts.capacityIgnoreGroups ?? [])].sort().join(",")}`;
  let r = byOpts.get(key);
  if (r === undefined) {
    r = failoverRefusals(opts, nl, il);
    byOpts.set(key, r);
  }
  return r;
}
