// Global N+1 redundancy (Ganeti's GlobalN1.hs): a placement is acceptable only if afterwards every node could
// fail and all its instances still run elsewhere — DRBD ones failed over, shared-storage ones moved within the
// group, the rest recreated on another node of the group. hail runs this check for every allocation, so it runs on
// flat, mutable node records (global-n1-fast.ts); global-n1-reference.ts keeps the list-building reference.
import { applyElement } from "./apply-element";
import { redundantFast } from "./global-n1-fast";
import type { AllocElement } from "./solution";
import type { AllocOptions, InstanceList, NodeList } from "./types";

export { applyElement } from "./apply-element";
export { canEvacuateNode, redundantReference } from "./global-n1-reference";

/** redundant: every node (offline ones too, unless accepting existing errors) can be evacuated. */
export function redundant(opts: AllocOptions, nl: NodeList, il: InstanceList): boolean {
  return redundantFast(opts, nl, il);
}

/** allocGlobalN1: whether the cluster stays globally N+1 redundant with this placement. */
export function allocGlobalN1(opts: AllocOptions, il: InstanceList): (e: AllocElement<unknown>) => boolean {
  return (e) => {
    const after = applyElement(il, e);
    return redundant(opts, after.nodes, after.instances);
  };
}
