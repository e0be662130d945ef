// The relocate request (Ganeti's IAlloc.processRelocate): a new secondary for a DRBD instance, or a new primary
// for a shared-storage one, through node evacuation of that single instance.
import type { Instance } from "../instance";
import { tryNodeEvac } from "./evacuate";
import { instanceMirror } from "./templates";
import type { Result } from "./try-alloc";
import type { AllocOptions, InstanceList, NodeList } from "./types";
import { mustFind } from "./types";

const showList = (xs: readonly number[]) => `[${xs.join(",")}]`;

export function processRelocate(
  opts: AllocOptions,
  nl: NodeList,
  il: InstanceList,
  idx: number,
  count: number,
  exclude: readonly number[],
): Result<{ nl: NodeList; il: InstanceList; nodes: number[] }> {
  if (count !== 1) return { ok: false, error: `Exchange ${count} nodes mode is not implemented` };
  const orig = mustFind(il, idx);
  const mirror = instanceMirror(orig);
  if (mirror === "none") return { ok: false, error: "Can't relocate non-mirrored instances" };
  const [expected, nodeType, mode] = mirror === "internal" ? [orig.sNode, "secondary", "secondary-only" as const] : [orig.pNode, "primary", "primary-only" as const];
  if (exclude.length !== 1 || exclude[0] !== expected) {
    return { ok: false, error: `Unsupported request: excluded nodes not equal to instance's ${nodeType}(${expected} versus ${showList(exclude)})` };
  }
  const state = tryNodeEvac(opts, nl, il, mode, [idx]);
  const failure = state.solution.failed.find((f) => f.idx === idx);
  if (failure) return { ok: false, error: failure.message };
  const moved = state.solution.moved.find((m) => m.idx === idx);
  if (!moved) return { ok: false, error: "Internal error: lost instance idx during move" };
  const inst: Instance = mustFind(state.instances, idx);
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, k) => x === b[k]);
  if (mirror === "internal") {
    if (inst.sNode === orig.sNode) return { ok: false, error: "Internal error: instance didn't change secondary node?!" };
    if (inst.sNode === inst.pNode) return { ok: false, error: "Internal error: selected primary as new secondary?!" };
    if (!same(moved.nodes, [inst.pNode, inst.sNode])) {
      return { ok: false, error: `Internal error: inconsistent node list (${showList(moved.nodes)}) versus instance nodes (${inst.pNode},${inst.sNode})` };
    }
    return { ok: true, value: { nl: state.nodes, il: state.instances, nodes: [inst.sNode] } };
  }
  if (inst.pNode === orig.pNode) return { ok: false, error: "Internal error: instance didn't change primary node?!" };
  if (!same(moved.nodes, [inst.pNode])) {
    return { ok: false, error: `Internal error: inconsistent node list (${showList(moved.nodes)}) versus instance node (${inst.pNode})` };
  }
  return { ok: true, value: { nl: state.nodes, il: state.instances, nodes: moved.nodes } };
}
