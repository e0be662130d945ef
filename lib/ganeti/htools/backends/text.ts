// Ganeti's htools text format (`-t FILE`, Backend/Text.hs): groups, nodes, instances, cluster tags and instance
// policies, separated by single blank lines. Parsing is as lenient as Ganeti's (older files with fewer columns get
// the same defaults) and fails with Ganeti's messages; serialising writes the current 15-column / 13-column layout.
import type { ClusterData, Group } from "../cluster-data";
import { createGroup } from "../cluster-data";
import type { Instance } from "../instance";
import { createInstance, hasSecondary, NO_SECONDARY, totalSpindles } from "../instance";
import type { Node } from "../node";
import { createNode } from "../node";
import type { IPolicy, ISpec, MinMaxISpecs } from "../types";
import { defaultIPolicy, HtoolsInputError, isAllocPolicy, isDiskTemplate, isInstanceStatus } from "../types";
import { commaSplit, fixed0, haskellLines, readDouble, readInt, ReadError, sepSplit, showDouble, showStrings, splitString } from "./haskell-format";

export function parseTextData(text: string): ClusterData {
  try {
    return parseSections(text);
  } catch (err) {
    if (err instanceof ReadError) throw new HtoolsInputError(err.message);
    throw err;
  }
}

function parseSections(text: string): ClusterData {
  const sections = sepSplit("", haskellLines(text));
  if (sections.length < 4) {
    throw new HtoolsInputError(`Invalid format of the input file: ${sections.length} sections instead of 4 or more`);
  }
  const [glines, nlines, ilines, ctags, pollines = []] = sections as [string[], string[], string[], string[], string[]?];
  const groups = glines.map((line, idx) => ({ ...loadGroup(splitString("|", line)), idx }));
  const groupByUuid = new Map(groups.map((g) => [g.uuid, g.idx]));
  const nodes = nlines.map((line, idx) => ({ ...loadNode(groupByUuid, splitString("|", line)), idx }));
  const nodeByName = new Map(nodes.map((n) => [n.name, n.idx]));
  const instances = ilines.map((line, idx) => ({ ...loadInstance(nodeByName, splitString("|", line)), idx }));
  let ipolicy = defaultIPolicy;
  for (const line of pollines) {
    const [owner, policy] = loadIPolicy(splitString("|", line));
    if (owner === "") ipolicy = policy;
    else {
      const group = groups.find((g) => g.name === owner);
      if (!group) throw new HtoolsInputError(`Unknown group '${owner}' for instance policy`);
      group.ipolicy = policy;
    }
  }
  return { groups, nodes, instances, clusterTags: ctags, ipolicy };
}

function loadGroup(fields: string[]): Group {
  if (fields.length < 4) throw new HtoolsInputError(`Invalid/incomplete group data: '${showStrings(fields)}'`);
  const [name, uuid, policy, tags, nets = ""] = fields as [string, string, string, string, string?];
  if (!isAllocPolicy(policy)) throw new HtoolsInputError(`Invalid alloc_policy value '${policy}' for group ${name}`);
  return createGroup({ name, uuid, allocPolicy: policy, tags: commaSplit(tags), networks: commaSplit(nets) });
}

const NODE_DEFAULTS = ["1", "", "N", "0", "1", "1.0"]; // columns 10–15 of older files

function loadNode(groupByUuid: Map<string, number>, fields: string[]): Node {
  if (fields.length < 9) throw new HtoolsInputError(`Invalid/incomplete node data: '${showStrings(fields)}'`);
  const f = fields.length >= 15 ? fields : [...fields, ...NODE_DEFAULTS.slice(fields.length - 9)];
  const [name, tm, nm, fm, td, fd, tc, role, gu, spindles, tags, exclStor, freeSpindles, nosCpu, cpuSpeed] = f as string[] as [
    string, string, string, string, string, string, string, string, string, string, string, string, string, string, string,
  ];
  const group = groupByUuid.get(gu);
  if (group === undefined) throw new HtoolsInputError(`Unknown group '${gu}' for node ${name}`);
  if ([tm, nm, fm, td, fd, tc].includes("?")) {
    return createNode({ name, tMem: 0, nMem: 0, fMem: 0, tDsk: 0, fDsk: 0, tCpu: 0, nCpu: 0, offline: true, tSpindles: 0, fSpindles: 0, group });
  }
  if (exclStor !== "Y" && exclStor !== "N") throw new HtoolsInputError(`Invalid exclusive_storage value for node '${name}': ${exclStor}`);
  const node = createNode({
    name,
    tMem: readDouble(name, tm),
    nMem: readInt(name, nm),
    fMem: readInt(name, fm),
    tDsk: readDouble(name, td),
    fDsk: readInt(name, fd),
    tCpu: readDouble(name, tc),
    nCpu: readInt(name, nosCpu),
    offline: role === "Y",
    tSpindles: readInt(name, spindles),
    fSpindles: readInt(name, freeSpindles),
    group,
    exclStorage: exclStor === "Y",
  });
  return { ...node, isMaster: role === "M", nTags: commaSplit(tags), tCpuSpeed: readDouble(name, cpuSpeed) };
}

const INSTANCE_DEFAULTS = ["1", "-", "N"]; // columns 11–13 of older files

function loadInstance(nodeByName: Map<string, number>, fields: string[]): Instance {
  if (fields.length < 10) throw new HtoolsInputError(`Invalid/incomplete instance data: '${showStrings(fields)}'`);
  const f = fields.length >= 13 ? fields : [...fields, ...INSTANCE_DEFAULTS.slice(fields.length - 10)];
  const [name, mem, dsk, vcpus, status, autoBal, pnode, snode, dt, tags, su, spindles, forthcoming] = f as [
    string, string, string, string, string, string, string, string, string, string, string, string, string,
  ];
  const lookupNode = (node: string) => {
    const idx = nodeByName.get(node);
    if (idx === undefined) throw new HtoolsInputError(`Unknown node '${node}' for instance ${name}`);
    return idx;
  };
  const pNode = lookupNode(pnode);
  const sNode = snode === "" ? NO_SECONDARY : lookupNode(snode);
  const vmem = readInt(name, mem);
  const size = readInt(name, dsk);
  const vvcpus = readInt(name, vcpus);
  if (!isInstanceStatus(status)) throw new HtoolsInputError(`Invalid instance status '${status}' for instance ${name}`);
  if (autoBal !== "Y" && autoBal !== "N") throw new HtoolsInputError(`Invalid auto_balance value '${autoBal}' for instance ${name}`);
  if (!isDiskTemplate(dt)) throw new HtoolsInputError(`Instance ${name}: Invalid disk template '${dt}'`);
  const spindleUse = readInt(name, su);
  const diskSpindles = spindles === "-" ? null : readInt(name, spindles);
  if (forthcoming !== "Y" && forthcoming !== "N") throw new HtoolsInputError(`Invalid forthcoming value '${forthcoming}' for instance ${name}`);
  const inst = createInstance({
    name,
    mem: vmem,
    dsk: size,
    disks: [{ size, spindles: diskSpindles }],
    vcpus: vvcpus,
    runSt: status,
    tags: commaSplit(tags),
    autoBalance: autoBal === "Y",
    pNode,
    sNode,
    diskTemplate: dt,
    spindleUse,
    forthcoming: forthcoming === "Y",
  });
  if (hasSecondary(inst) && sNode === pNode) throw new HtoolsInputError(`Instance ${name} has same primary and secondary node - ${pnode}`);
  return inst;
}

function loadISpec(owner: string, fields: string[]): ISpec {
  if (fields.length < 6) throw new HtoolsInputError(`Invalid ispec data for ${owner}: ${showStrings(fields)}`);
  const [mem, cpu, dsk, dc, nc, su] = fields as [string, string, string, string, string, string];
  return {
    memorySize: readInt(`${owner}/memsize`, mem),
    cpuCount: readInt(`${owner}/cpucount`, cpu),
    diskSize: readInt(`${owner}/disksize`, dsk),
    diskCount: readInt(`${owner}/diskcount`, dc),
    nicCount: readInt(`${owner}/niccount`, nc),
    spindleUse: readInt(`${owner}/spindleuse`, su),
  };
}

function loadIPolicy(fields: string[]): [string, IPolicy] {
  if (fields.length < 6) throw new HtoolsInputError(`Invalid ipolicy data: '${showStrings(fields)}'`);
  const [owner, std, minmax, templates, vcpuRatio, spindleRatio] = fields as [string, string, string, string, string, string];
  const specs = splitString(";", minmax);
  if (specs.length % 2 !== 0) throw new HtoolsInputError(`Odd number of min/max specs for ${owner}`);
  const pairs: MinMaxISpecs[] = [];
  for (let k = 0; k < specs.length; k += 2) {
    pairs.push({ min: loadISpec(`${owner}/minspec`, commaSplit(specs[k]!)), max: loadISpec(`${owner}/maxspec`, commaSplit(specs[k + 1]!)) });
  }
  const diskTemplates = commaSplit(templates).map((t) => {
    if (!isDiskTemplate(t)) throw new HtoolsInputError(`Invalid disk template '${t}' in the policy of '${owner}'`);
    return t;
  });
  return [
    owner,
    {
      std: loadISpec(`${owner}/stdspec`, commaSplit(std)),
      minmax: pairs,
      diskTemplates,
      vcpuRatio: readDouble(`${owner}/vcpu_ratio`, vcpuRatio),
      spindleRatio: readDouble(`${owner}/spindle_ratio`, spindleRatio),
    },
  ];
}

// ---- serialisation -----------------------------------------------------------------------------------------------

const serializeISpec = (s: ISpec) => [s.memorySize, s.cpuCount, s.diskSize, s.diskCount, s.nicCount, s.spindleUse].join(",");

function serializeIPolicy(owner: string, p: IPolicy): string {
  const minmax = p.minmax.flatMap((mm) => [serializeISpec(mm.min), serializeISpec(mm.max)]).join(";");
  return [owner, serializeISpec(p.std), minmax, p.diskTemplates.join(","), showDouble(p.vcpuRatio), showDouble(p.spindleRatio)].join("|");
}

function serializeNode(data: ClusterData, n: Node): string {
  const role = n.offline ? "Y" : n.isMaster ? "M" : "N";
  return [
    n.name, fixed0(n.tMem), n.nMem, n.fMem, fixed0(n.tDsk), n.fDsk, fixed0(n.tCpu), role, data.groups[n.group]!.uuid,
    n.tSpindles, n.nTags.join(","), n.exclStorage ? "Y" : "N", n.fSpindles, n.nCpu, showDouble(n.tCpuSpeed),
  ].join("|");
}

function serializeInstance(data: ClusterData, i: Instance): string {
  const spindles = totalSpindles(i);
  return [
    i.name, i.mem, i.dsk, i.vcpus, i.runSt, i.autoBalance ? "Y" : "N", data.nodes[i.pNode]!.name,
    i.sNode === NO_SECONDARY ? "" : data.nodes[i.sNode]!.name, i.diskTemplate, i.allTags.join(","), i.spindleUse,
    spindles === null ? "-" : spindles, i.forthcoming ? "Y" : "N",
  ].join("|");
}

const unlines = (lines: readonly string[]) => lines.map((l) => `${l}\n`).join("");

/** The cluster in the text format, as `hbal -S` and `hspace -S` save it. */
export function serializeTextData(data: ClusterData): string {
  const groups = unlines(data.groups.map((g) => [g.name, g.uuid, g.allocPolicy, g.tags.join(","), g.networks.join(",")].join("|")));
  const nodes = unlines(data.nodes.map((n) => serializeNode(data, n)));
  const instances = unlines(data.instances.map((i) => serializeInstance(data, i)));
  const policies = unlines([serializeIPolicy("", data.ipolicy), ...data.groups.map((g) => serializeIPolicy(g.name, g.ipolicy))]);
  return [groups, nodes, instances, unlines(data.clusterTags), policies].join("\n");
}
