// The simulation backend (`--simulate alloc_policy,num_nodes,disk,memory,cpus[,spindles[,exclusive_storage]]`,
// Ganeti's Backend/Simu.hs): one group of identical empty nodes per spec, named group-01, node-01-001, …; the first
// node of the first group is the master. Sizes take Ganeti's units (m/g/t binary, M/G/T decimal).
import type { ClusterData, Group } from "../cluster-data";
import { createGroup } from "../cluster-data";
import type { Node } from "../node";
import { createNode } from "../node";
import type { AllocPolicy } from "../types";
import { defaultIPolicy, HtoolsInputError, isAllocPolicy } from "../types";
import { parseUnit, readIntStrict } from "../capacity/rspec";

const ABBREVIATIONS: Record<string, AllocPolicy> = { p: "preferred", a: "last_resort", u: "unallocable" };

function allocPolicy(a: string): AllocPolicy {
  if (isAllocPolicy(a)) return a;
  const p = ABBREVIATIONS[a];
  if (!p) throw new HtoolsInputError(`Cannot parse AllocPolicy abbreviation '${a}'`);
  return p;
}

function annotate<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    throw new HtoolsInputError(`${what}: ${(err as Error).message}`);
  }
}

function readBool(what: string, s: string): boolean {
  if (s === "True") return true;
  if (s === "False") return false;
  throw new HtoolsInputError(`${what}: cannot parse string '${s}'`);
}

type Desc = { policy: AllocPolicy; count: number; disk: number; mem: number; cpu: number; spindles: number; exclStorage: boolean };

function parseDesc(desc: string): Desc {
  const parts = desc === "" ? [] : desc.split(",");
  if (parts.length < 5 || parts.length > 7) {
    throw new HtoolsInputError(
      "Invalid cluster specification, expected 6 comma-separated sections (allocation policy, node count, disk size, " +
        `memory size, number of CPUs, spindles) but got ${parts.length}: '${desc}'`,
    );
  }
  const [a, n, d, m, c, s = "1", e = "False"] = parts as [string, string, string, string, string, string?, string?];
  const policy = allocPolicy(a);
  const read = (what: string, x: string) => {
    try {
      return readIntStrict(what, x);
    } catch (err) {
      throw new HtoolsInputError((err as Error).message);
    }
  };
  return {
    policy,
    count: read("node count", n),
    disk: annotate("disk size", () => parseUnit(d)),
    mem: annotate("memory size", () => parseUnit(m)),
    cpu: read("cpu count", c),
    spindles: read("spindles", s),
    exclStorage: readBool("exclusive storage", e),
  };
}

const pad = (x: number, width: number) => String(x).padStart(width, "0");

/** Simu.parseData: the cluster described by the specs, in order (group index 0 is the first spec). */
export function parseSimulation(specs: readonly string[]): ClusterData {
  const groups: Group[] = [];
  const nodes: Node[] = [];
  specs.forEach((spec, k) => {
    const desc = parseDesc(spec);
    const gnum = k + 1;
    groups.push({
      ...createGroup({ name: `group-${pad(gnum, 2)}`, uuid: `fake-uuid-${pad(gnum, 2)}`, allocPolicy: desc.policy }),
      idx: k,
      ipolicy: defaultIPolicy,
    });
    for (let i = 1; i <= desc.count; i++) {
      const node = createNode({
        name: `node-${pad(gnum, 2)}-${pad(i, 3)}`,
        tMem: desc.mem,
        nMem: 0,
        fMem: desc.mem,
        tDsk: desc.disk,
        fDsk: desc.disk,
        tCpu: desc.cpu,
        nCpu: 1,
        offline: false,
        tSpindles: desc.spindles,
        fSpindles: 0,
        group: k,
        exclStorage: desc.exclStorage,
      });
      nodes.push({ ...node, idx: nodes.length, isMaster: gnum === 1 && i === 1 });
    }
  });
  return { groups, nodes, instances: [], clusterTags: [], ipolicy: defaultIPolicy };
}
