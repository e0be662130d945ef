// What every backend does after reading a cluster (Ganeti's Loader.mergeData and checkData): utilisation data,
// exclusion / desired-location / location / migration tags, display aliases without the common domain suffix,
// instances recorded on their nodes, peer maps and r_mem, policies from the groups, and unexplained memory.
import type { ClusterData } from "./cluster-data";
import type { Instance } from "./instance";
import { NO_SECONDARY, setMovable, usesMemory } from "./instance";
import type { Node } from "./node";
import { buildPeers, setPolicy, setPri, setSec, unallocatedMem } from "./node";
import { extractDesiredLocations, extractExclusionTags, getLocations, getMigRestrictions, getRecvMigRestrictions } from "./tags";
import type { DynUtil } from "./types";
import { HtoolsInputError, zeroUtil } from "./types";

export type LoadOptions = {
  /** Per-instance utilisation (`-U` file), by instance name. */
  utilisation?: ReadonlyMap<string, DynUtil>;
  /** `--ignore-dynu`: all loads zero. */
  ignoreDynu?: boolean;
  /** Extra exclusion-tag prefixes (`--exclusion-tags`). */
  exclusionTags?: readonly string[];
  selectInstances?: readonly string[];
  excludeInstances?: readonly string[];
};

export type LoadedCluster = { data: ClusterData; warnings: string[] };

/** Exact name, or the unique name it is a prefix of (Ganeti's lookupName). */
export function lookupName(names: readonly string[], query: string): string | null {
  if (names.includes(query)) return query;
  const matches = names.filter((n) => n.startsWith(query));
  return matches.length === 1 ? matches[0]! : null;
}

/** The longest suffix starting with a dot that every name shares. */
export function longestDomain(names: readonly string[]): string {
  if (names.length === 0) return "";
  const [first, ...rest] = names as [string, ...string[]];
  for (let k = 0; k < first.length; k++) {
    if (first[k] !== ".") continue;
    const suffix = first.slice(k);
    if (rest.every((n) => n.endsWith(suffix))) return suffix;
  }
  return "";
}

const stripSuffix = (name: string, suffix: string) => (suffix && name.endsWith(suffix) ? name.slice(0, -suffix.length) : name);

/** Number of location tags the primary and secondary share (Moves.setInstanceLocationScore). */
export function instanceLocationScore(p: Node, s: Node | undefined): number {
  if (!s) return 0;
  let shared = 0;
  for (const t of p.locationTags) if (s.locationTags.has(t)) shared++;
  return shared;
}

export function finalizeCluster(raw: ClusterData, options: LoadOptions = {}): LoadedCluster {
  const { groups, clusterTags } = raw;
  let instances: Instance[] = raw.instances.map((i) => {
    const util = options.ignoreDynu ? zeroUtil : (options.utilisation?.get(i.name) ?? i.util);
    return { ...i, util };
  });
  const names = instances.map((i) => i.name);
  const unknown: string[] = [];
  const resolve = (list: readonly string[] | undefined) =>
    (list ?? []).map((q) => {
      const found = lookupName(names, q);
      if (found === null) unknown.push(q);
      return found ?? q;
    });
  const selected = resolve(options.selectInstances);
  const excluded = resolve(options.excludeInstances);
  if (unknown.length > 0) throw new HtoolsInputError(`Unknown instance(s): ${JSON.stringify(unknown)}`);

  const exclusionPrefixes = [...(options.exclusionTags ?? []), ...extractExclusionTags(clusterTags)];
  const desiredPrefixes = extractDesiredLocations(clusterTags);
  const suffix = longestDomain([...raw.nodes.map((n) => n.name), ...names]);

  instances = instances.map((i) => {
    let out: Instance = {
      ...i,
      alias: stripSuffix(i.name, suffix),
      exclTags: i.allTags.filter((t) => exclusionPrefixes.some((p) => t.startsWith(p))),
      dsrdLocTags: new Set(i.allTags.filter((t) => desiredPrefixes.some((p) => t.startsWith(p)))),
    };
    if (excluded.includes(i.name) || (selected.length > 0 && !selected.includes(i.name))) out = setMovable(out, false);
    return out;
  });

  let nodes: Node[] = raw.nodes.map((n) => ({ ...n, locationTags: getLocations(clusterTags, n.nTags) }));
  instances = instances.map((i) => ({
    ...i,
    locationScore: instanceLocationScore(nodes[i.pNode]!, i.sNode === NO_SECONDARY ? undefined : nodes[i.sNode]),
  }));
  for (const i of instances) {
    nodes[i.pNode] = setPri(nodes[i.pNode]!, i);
    if (i.sNode !== NO_SECONDARY) nodes[i.sNode] = setSec(nodes[i.sNode]!, i);
  }
  nodes = nodes.map((n) => {
    const group = groups[n.group];
    const withPolicy = group ? setPolicy(n, group.ipolicy) : n;
    return buildPeers({ ...withPolicy, alias: stripSuffix(n.name, suffix) }, instances);
  });
  // Instances split across groups cannot be moved by htools.
  instances = instances.map((i) =>
    i.sNode !== NO_SECONDARY && nodes[i.sNode]!.group !== nodes[i.pNode]!.group ? setMovable(i, false) : i,
  );
  nodes = nodes.map((n) => ({ ...n, migTags: getMigRestrictions(clusterTags, n.nTags), rmigTags: getRecvMigRestrictions(clusterTags, n.nTags) }));

  const warnings: string[] = [];
  nodes = nodes.map((n) => {
    const instMem = n.pList.reduce((sum, idx) => (usesMemory(instances[idx]!) ? sum + instances[idx]!.mem : sum), 0);
    const instDsk = [...n.pList, ...n.sList].reduce((sum, idx) => sum + instances[idx]!.dsk, 0);
    const deltaMem = Math.trunc(n.tMem) - n.nMem - n.fMem - instMem;
    const deltaDsk = Math.trunc(n.tDsk) - n.fDsk - instDsk;
    if (deltaMem > 512 || deltaDsk > 1024) {
      // Ganeti accumulates these by prepending, so they print last node first.
      warnings.unshift(`node ${n.name} is missing ${deltaMem} MB ram and ${Math.floor(deltaDsk / 1024)} GB disk`);
    }
    const loaded = { ...n, iMem: instMem, xMem: deltaMem };
    return { ...loaded, pMem: unallocatedMem(loaded) / n.tMem };
  });
  return { data: { ...raw, nodes, instances }, warnings };
}
