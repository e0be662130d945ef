// Random clusters for the global N+1 tests whose numbers round: random-cluster.ts draws power-of-two memory sizes and
// integer loads, on which many floating-point reorderings give the same bits and a test could not tell them apart.
import type { ClusterData, Group } from "../cluster-data";
import { createGroup } from "../cluster-data";
import type { Instance } from "../instance";
import { createInstance, NO_SECONDARY } from "../instance";
import { finalizeCluster } from "../loader";
import type { Node } from "../node";
import { createNode } from "../node";
import type { RandomClusterOptions } from "../testing/random-cluster";
import { createRng, randomCluster } from "../testing/random-cluster";
import type { DiskTemplate } from "../types";
import { defaultIPolicy, localStorageTemplate } from "../types";

/**
 * The seed's random cluster with odd memory sizes, fractional CPU speeds, utilisation pools and instance loads.
 * `alike`: the same odd size, speed and pools on every node and the same load for every instance, so equal nodes
 * stay equal (use with uniform node sizes) while their numbers still round.
 */
export function roughCluster(seed: number, options: RandomClusterOptions = {}, alike = false): ClusterData {
  const { raw } = randomCluster(seed, options);
  const rng = createRng(seed ^ 0x5bd1e995);
  const clusterExtra = rng.int(1, 997);
  const clusterSpeed = rng.pick([1.3, 0.7, 2.1]);
  const nodes = raw.nodes.map((n) => {
    const extra = alike ? clusterExtra : rng.int(1, 997);
    return {
      ...n,
      tMem: n.tMem + extra,
      fMem: n.fMem + extra,
      tCpuSpeed: alike ? clusterSpeed : rng.pick([1, 1.3, 0.7, 2.1]),
      utilPool: { cpu: n.tCpu * 1.7, mem: (n.tMem + extra) / 3, dsk: n.tDsk / 7, net: 1000 / 3 },
    };
  });
  const load = () => ({ cpu: rng.next() * 3, mem: rng.next() * 100, dsk: rng.next() * 10, net: rng.next() });
  const shared = load();
  const utilisation = new Map(raw.instances.map((i) => [i.name, alike ? shared : load()]));
  return finalizeCluster({ ...raw, nodes }, { utilisation }).data;
}

/**
 * A group of identical nodes, each the primary of the same sequence of instances (DRBD ones backed by the next node
 * in a ring), with rough numbers: the shape of a cluster filled round-robin, where many targets share one record
 * on both sides of the node being evacuated.
 */
export function identicalNodesCluster(seed: number, nodeCount: number, perNode: number, templates: readonly DiskTemplate[]): ClusterData {
  const rng = createRng(seed);
  const group: Group = { ...createGroup({ name: "default", uuid: "00000000-0000-4000-8000-000000000001", allocPolicy: "preferred" }), idx: 0 };
  const tMem = 32768 + rng.int(1, 997);
  const tDsk = 1048576 + rng.int(1, 997);
  const speed = rng.pick([1.3, 0.7, 2.1]);
  const shapes = Array.from({ length: perNode }, (_, k) => {
    const template = templates[k % templates.length]!;
    return { template, mem: 128 * rng.int(1, 4), dsk: template === "diskless" ? 0 : 1024 * rng.int(1, 20) };
  });
  const load = { cpu: rng.next() * 3, mem: rng.next() * 100, dsk: rng.next() * 10, net: rng.next() };
  const instances: Instance[] = [];
  for (let j = 0; j < nodeCount; j++) {
    for (const s of shapes) {
      const idx = instances.length;
      instances.push({
        ...createInstance({
          name: `inst-${idx}.example.org`,
          mem: s.mem,
          dsk: s.dsk,
          disks: s.template === "diskless" ? [] : [{ size: s.dsk, spindles: null }],
          vcpus: 1,
          pNode: j,
          sNode: s.template === "drbd" ? (j + 1) % nodeCount : NO_SECONDARY,
          diskTemplate: s.template,
        }),
        idx,
        util: load,
      });
    }
  }
  const nodes: Node[] = Array.from({ length: nodeCount }, (_, j) => {
    const own = instances.filter((i) => i.pNode === j);
    const backed = instances.filter((i) => i.sNode === j);
    const usedDsk = [...own, ...backed].reduce((sum, i) => sum + (localStorageTemplate(i.diskTemplate) ? i.dsk : 0), 0);
    const n = createNode({
      name: `node-${j}.example.org`,
      tMem,
      nMem: 1024,
      fMem: tMem - 1024 - own.reduce((sum, i) => sum + i.mem, 0),
      tDsk,
      fDsk: tDsk - usedDsk,
      tCpu: 16,
      group: 0,
    });
    return { ...n, idx: j, tCpuSpeed: speed, utilPool: { cpu: 16 * 1.7, mem: tMem / 3, dsk: tDsk / 7, net: 1000 / 3 } };
  });
  return finalizeCluster({ groups: [group], nodes, instances, clusterTags: [], ipolicy: defaultIPolicy }).data;
}
