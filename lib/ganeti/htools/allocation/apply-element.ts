// Applying a chosen placement to the lists (Ganeti's updateIl and extractNl): the instance added at index `size il`,
// and the placeholder indices in the changed nodes' instance lists replaced by it.
import type { AllocElement } from "./solution";
import type { InstanceList, NodeList } from "./types";
import { mustFind, sizeOf } from "./types";

/** The lists after a placement: the instance added at index `size il`, placeholder indices fixed (updateIl, extractNl). */
export function applyElement(il: InstanceList, e: AllocElement<unknown>): { nodes: NodeList; instances: InstanceList } {
  const newIndex = sizeOf(il);
  const instances = il.slice();
  instances[newIndex] = e.inst;
  const nodes = e.nodes.slice();
  const fix = (list: number[]) => (list.some((x) => x < 0) ? list.map((x) => (x < 0 ? newIndex : x)) : list);
  for (const changed of e.changed) {
    const n = mustFind(nodes, changed.idx);
    nodes[changed.idx] = { ...n, pList: fix(n.pList), sList: fix(n.sList) };
  }
  return { nodes, instances };
}
