// An independent recomputation of a cluster state for invariant tests: instead of trusting the incremental node
// updates a tool made, describe the state as a backend would (each node reporting the free memory and disk its
// instances now leave) and load it from scratch, as a fresh hbal or hail run would see it.
import type { ClusterData } from "../cluster-data";
import type { Instance } from "../instance";
import { NO_SECONDARY, usesLocalStorage, usesMemory } from "../instance";
import { serializeTextData } from "../backends/text";
import type { LoadedCluster } from "../loader";
import { finalizeCluster } from "../loader";
import { createNode } from "../node";
import { createInstance } from "../instance";

type Usage = { mem: Float64Array; dsk: Float64Array };

function usage(nodeCount: number, instances: readonly Instance[]): Usage {
  const mem = new Float64Array(nodeCount);
  const dsk = new Float64Array(nodeCount);
  for (const i of instances) {
    if (usesMemory(i)) mem[i.pNode]! += i.mem;
    if (usesLocalStorage(i)) {
      dsk[i.pNode]! += i.dsk;
      if (i.sNode !== NO_SECONDARY) dsk[i.sNode]! += i.dsk;
    }
  }
  return { mem, dsk };
}

/**
 * `raw` (a cluster as loaded, before finalizeCluster) with its instances replaced by `instances` (same order, moved,
 * and possibly new ones appended), each node's reported free memory and disk changed by what its instances now use,
 * then loaded again from those plain values (what parseTextData of the state's text file would give; `text()` writes
 * that file).
 */
export function rebuildCluster(raw: ClusterData, instances: readonly Instance[]): LoadedCluster & { text: () => string } {
  const before = usage(raw.nodes.length, raw.instances);
  const after = usage(raw.nodes.length, instances);
  const nodes = raw.nodes.map((n, k) => ({
    ...createNode({
      name: n.name,
      tMem: n.tMem,
      nMem: n.nMem,
      fMem: n.fMem - (after.mem[k]! - before.mem[k]!),
      tDsk: n.tDsk,
      fDsk: n.fDsk - (after.dsk[k]! - before.dsk[k]!),
      tCpu: n.tCpu,
      nCpu: n.nCpu,
      offline: n.offline,
      tSpindles: n.tSpindles,
      fSpindles: n.fSpindles,
      group: n.group,
      exclStorage: n.exclStorage,
    }),
    idx: k,
    isMaster: n.isMaster,
    nTags: n.nTags,
    tCpuSpeed: n.tCpuSpeed,
  }));
  const insts = instances.map((i, idx) => ({
    ...createInstance({
      name: i.name,
      mem: i.mem,
      dsk: i.dsk,
      disks: i.disks,
      vcpus: i.vcpus,
      runSt: i.runSt,
      tags: i.allTags,
      autoBalance: i.autoBalance,
      pNode: i.pNode,
      sNode: i.sNode,
      diskTemplate: i.diskTemplate,
      spindleUse: i.spindleUse,
      forthcoming: i.forthcoming,
    }),
    idx,
  }));
  const state: ClusterData = { ...raw, nodes, instances: insts };
  return { ...finalizeCluster(state), text: () => serializeTextData(state) };
}
