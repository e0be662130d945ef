// The allocate-secondary request (Ganeti's Cluster/AllocateSecondary.hs): turn a plain instance into a DRBD one by
// choosing the best secondary in its primary's group, its primary kept.
import { removePri } from "../node-placement";
import type { AllocSolution } from "./solution";
import type { Result } from "./try-alloc";
import { tryAlloc } from "./try-alloc";
import type { AllocOptions, InstanceList, NodeList } from "./types";
import { mustFind, withEntry } from "./types";

export function tryAllocateSecondary(opts: AllocOptions, nl: NodeList, il: InstanceList, idx: number): Result<AllocSolution> {
  const inst = mustFind(il, idx);
  if (inst.sNode >= 0) return { ok: false, error: "Instance already has a secondary" };
  const pidx = inst.pNode;
  const p = removePri(mustFind(nl, pidx), inst);
  const nl2 = withEntry(nl, pidx, p);
  const drbd = { ...inst, diskTemplate: "drbd" as const };
  const secondaries: number[] = [];
  nl2.forEach((n, k) => {
    if (n && n.group === p.group && k !== pidx) secondaries.push(k);
  });
  return tryAlloc(opts, nl2, il, drbd, { kind: "pairs", pairs: [{ p: pidx, ss: secondaries }] });
}
