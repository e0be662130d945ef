// Moving instances to other node groups (Ganeti's Cluster.tryChangeGroup): for each instance, the best target
// group by a trial allocation, then the DRBD "change all" or shared-storage moves into it.
import type { Group } from "../cluster-data";
import type { EvacState } from "./evacuate";
import { emptyEvacSolution, nodeEvacInstance, updateEvacSolution } from "./evacuate";
import { findBestAllocGroup } from "./multi-group";
import { requiredNodes } from "./templates";
import type { AllocOptions, InstanceList, NodeList } from "./types";
import { elems, mustFind } from "./types";
import { availableGroupNodes, instancePriGroup, splitCluster } from "./utils";

/** tryChangeGroup: `targets` empty means every group the instances are not in. */
export function tryChangeGroup(opts: AllocOptions, gl: readonly Group[], nl: NodeList, il: InstanceList, targets: readonly number[], idxs: readonly number[]): EvacState {
  const evacGroups = new Set(idxs.map((idx) => instancePriGroup(nl, mustFind(il, idx))));
  const targetGroups = (targets.length === 0 ? gl.map((g) => g.idx) : [...targets]).filter((g) => !evacGroups.has(g));
  const offline = new Set(elems(nl).filter((n) => n.offline).map((n) => n.idx));
  const groupNodes = splitCluster(nl, il).map((g) => ({ gdx: g.gdx, nodes: elems(g.nodes).map((n) => n.idx) }));
  let state: EvacState = { nodes: nl, instances: il, solution: emptyEvacSolution() };
  for (const idx of idxs) {
    const inst = mustFind(il, idx);
    const choice = findBestAllocGroup(opts, gl, state.nodes, state.instances, targetGroups, inst, requiredNodes(inst.diskTemplate));
    let r: Parameters<typeof updateEvacSolution>[2];
    if (!choice.ok) r = choice;
    else {
      const gdx = choice.value.group.idx;
      const avail = availableGroupNodes(groupNodes, offline, gdx);
      // Ganeti moves with the default options here, whatever was asked for.
      r = avail.ok ? nodeEvacInstance({}, state.nodes, state.instances, "all", inst, gdx, avail.value) : avail;
    }
    state = updateEvacSolution(state, idx, r);
  }
  return state;
}
