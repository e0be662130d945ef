// hspace's output, line for line as Ganeti's Program/Hspace.hs prints it: the human-readable summary, the
// `--machine-readable` HTS_* keys (values quoted unless alphanumeric or '.'), allocation maps and node tables.
import type { Instance } from "../instance";
import { NO_SECONDARY, totalSpindles } from "../instance";
import { clusterStatistics, scoreComponents } from "../metrics";
import type { Node } from "../node";
import { NODE_DEFAULT_FIELDS, showNodeField, showNodeHeader } from "../node-fields";
import { showDouble } from "../backends/haskell-format";
import type { DiskTemplate, FailMode } from "../types";
import { requiredNodes } from "../instance";
import type { CStats } from "./cstats";
import { computeAllocationDelta, totalResources, type AllocInfo } from "./cstats";
import type { RSpec } from "./rspec";
import { printfFixed } from "./printf";

export type Phase = "INI" | "FIN" | "TRL";
export type SpecType = "normal" | "tiered";
export type FailStats = Array<[FailMode, number]>;

const f8 = (x: number) => printfFixed(x, 8);

/** Utils.ensureQuoted: single quotes unless every character is alphanumeric or '.'. */
export const ensureQuoted = (v: string): string => (/^[\p{L}\p{N}.]*$/u.test(v) ? v : `'${v}'`);

export const formatKeys = (pairs: ReadonlyArray<[string, string]>): string =>
  pairs.map(([k, v]) => `HTS_${k.toUpperCase()}=${ensureQuoted(v)}\n`).join("");

/** Utils.formatTable: pad each column to its widest cell, numbers to the right. */
export function formatTable(rows: string[][], numeric: readonly boolean[]): string[][] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, k) => (widths[k] = Math.max(widths[k] ?? 0, c.length)));
  return rows.map((r) => r.map((c, k) => (numeric[k] ? c.padStart(widths[k]!) : c.padEnd(widths[k]!))));
}

/** Utils.printTable: each line is the prefix, a space and the cells. */
export const printTable = (prefix: string, header: string[], rows: string[][], numeric: readonly boolean[]): string =>
  formatTable([header, ...rows], numeric)
    .map((r) => `${prefix} ${r.join(" ")}\n`)
    .join("");

const UNKNOWN_FIELD = "<unknown field>";

/** Cluster.printNodes: the node table for `-p` ("+" adds fields to the defaults). */
export function printNodes(nodes: readonly Node[], fields: readonly string[]): string {
  const fs = fields.length === 0 ? [...NODE_DEFAULT_FIELDS] : fields[0] === "+" ? [...NODE_DEFAULT_FIELDS, ...fields.slice(1)] : [...fields];
  const headers = fs.map((f) => showNodeHeader(f) ?? { header: UNKNOWN_FIELD, numeric: false });
  const rows = [...nodes].sort((a, b) => a.idx - b.idx).map((n) => fs.map((f) => showNodeField(n, f) ?? UNKNOWN_FIELD));
  return printTable("", headers.map((h) => h.header), rows, headers.map((h) => h.numeric));
}

/** maybePrintNodes: a blank line, "<msg> status:" and the table, on stderr. */
export const nodesReport = (msg: string, nodes: readonly Node[], fields: readonly string[]): string =>
  `\n${msg} status:\n${printNodes(nodes, fields)}\n`;

/** Metrics.printStats: each score component with its value and weight. */
export function printScoreStats(prefix: string, nodes: readonly Node[]): string {
  const rows = scoreComponents(clusterStatistics(nodes)).map((c) => [c.name, f8(c.value), `x${c.weight.toFixed(2)}`]);
  return printTable(prefix, ["Field", "Value", "Weight"], rows, [false, true, true]);
}

// ---- statistics --------------------------------------------------------------------------------------------------

const memEff = (cs: CStats) => cs.imem / cs.tmem;
const dskEff = (cs: CStats) => cs.idsk / cs.tdsk;
const cpuEff = (cs: CStats) => cs.icpu / cs.vcpu;
const spnEff = (cs: CStats) => cs.ispn / cs.tspn;

export function statsKeys(phase: Phase, cs: CStats): Array<[string, string]> {
  const d = (x: number) => String(x);
  const rows: Array<[string, string]> = [
    ["SCORE", f8(cs.score)],
    ["INST_CNT", d(cs.ninst)],
    ["MEM_FREE", d(cs.fmem)],
    ["MEM_AVAIL", d(cs.amem)],
    ["MEM_RESVD", d(cs.fmem - cs.amem)],
    ["MEM_INST", d(cs.imem)],
    ["MEM_OVERHEAD", d(cs.xmem + cs.nmem)],
    ["MEM_EFF", f8(memEff(cs))],
    ["DSK_FREE", d(cs.fdsk)],
    ["DSK_AVAIL", d(cs.adsk)],
    ["DSK_RESVD", d(cs.fdsk - cs.adsk)],
    ["DSK_INST", d(cs.idsk)],
    ["DSK_EFF", f8(dskEff(cs))],
    ["SPN_FREE", d(cs.fspn)],
    ["SPN_INST", d(cs.ispn)],
    ["SPN_EFF", f8(spnEff(cs))],
    ["CPU_INST", d(cs.icpu)],
    ["CPU_EFF", f8(cpuEff(cs))],
    ["MNODE_MEM_AVAIL", d(cs.mmem)],
    ["MNODE_DSK_AVAIL", d(cs.mdsk)],
  ];
  return rows.map(([k, v]) => [`${phase}_${k}`, v]);
}

const f0 = (x: number) => printfFixed(x, 0);
const clusterData = (cs: CStats): Array<[string, string]> => [
  ["MEM", f0(cs.tmem)],
  ["DSK", f0(cs.tdsk)],
  ["CPU", f0(cs.tcpu)],
  ["VCPU", String(cs.vcpu)],
];
const clusterDataSpn = (cs: CStats): Array<[string, string]> => [...clusterData(cs), ["SPN", f0(cs.tspn)]];

const formatResources = (pairs: ReadonlyArray<[string, string]>) => pairs.map(([a, b]) => `${a} ${b}`).join(", ");

export const haveExclStorage = (nodes: readonly Node[]) => nodes.some((n) => n.exclStorage);

/** printCluster: the cluster totals (and the initial statistics when machine readable). */
export function clusterReport(machine: boolean, ini: CStats, nodeCount: number, printSpn: boolean): string {
  if (machine) {
    return (
      formatKeys(clusterDataSpn(ini).map(([k, v]) => [`CLUSTER_${k}`, v])) +
      formatKeys([["CLUSTER_NODES", String(nodeCount)]]) +
      formatKeys(statsKeys("INI", ini))
    );
  }
  const res = formatResources(printSpn ? clusterDataSpn(ini) : clusterData(ini));
  return (
    `The cluster has ${nodeCount} nodes and the following resources:\n  ${res}.\n` +
    `There are ${ini.ninst > 0 ? String(ini.ninst) : "no"} initial instances on the cluster.\n`
  );
}

const specData = (s: RSpec): Array<[string, string]> => [
  ["MEM", String(s.mem)],
  ["DSK", String(s.dsk)],
  ["CPU", String(s.cpu)],
];
const specDataSpn = (s: RSpec): Array<[string, string]> => [...specData(s), ["SPN", String(s.spn)]];

/** printISpec: the spec a phase allocates. */
export function ispecReport(machine: boolean, spec: RSpec, type: SpecType, template: DiskTemplate, printSpn: boolean): string {
  if (machine) {
    const prefix = type === "normal" ? "SPEC" : "TSPEC_INI";
    return (
      formatKeys(specDataSpn(spec).map(([k, v]) => [`${prefix}_${k}`, v])) +
      formatKeys([[`${prefix}_RQN`, String(requiredNodes(template))]]) +
      formatKeys([[`${prefix}_DISK_TEMPLATE`, template]])
    );
  }
  const descr = type === "normal" ? "Standard (fixed-size)" : "Tiered (initial size)";
  return `${descr} instance spec is:\n  ${formatResources(printSpn ? specDataSpn(spec) : specData(spec))}, using disk template '${template}'.\n`;
}

/** printAllocationMap (verbosity > 1): the placed instances, oldest first. */
export function allocationMapReport(msg: string, nodes: readonly Node[], placed: readonly Instance[]): string {
  const excl = haveExclStorage(nodes);
  const name = (i: number) => nodes[i]?.name ?? "";
  const rows = [...placed].reverse().map((i) => [
    i.name,
    name(i.pNode),
    i.sNode === NO_SECONDARY ? "" : name(i.sNode),
    String(i.mem),
    String(i.dsk),
    String(i.vcpus),
    excl ? (totalSpindles(i) === null ? "?" : String(totalSpindles(i))) : "",
  ]);
  const lines = formatTable(rows, [false, false, false, true, true, true, true]).map((r) => ` ${r.join(" ")}\n`);
  return `${msg} map\n${lines.join("")}`;
}

export const sortReasons = (reasons: FailStats): FailStats => [...reasons].sort((a, b) => b[1] - a[1]);

function failureScoresReport(ini: readonly Node[], fin: readonly Node[], reasons: FailStats): string {
  const cs = totalResources(fin);
  const format: Array<[string, (c: CStats) => number]> = [
    ["memory", memEff],
    ["disk", dskEff],
    ["vcpu", cpuEff],
    ...(haveExclStorage(fin) ? ([["spindles", spnEff]] as Array<[string, (c: CStats) => number]>) : []),
  ];
  const len = Math.max(...format.map(([s]) => s.length));
  return (
    `  - most likely failure reason: ${reasons[0]?.[0] ?? ""}\n` +
    `  - initial cluster score: ${f8(totalResources(ini).score)}\n` +
    `  -   final cluster score: ${f8(cs.score)}\n` +
    format.map(([s, fn]) => `  - ${s.padStart(len)} usage efficiency: ${printfFixed(fn(cs) * 100, 2).padStart(5)}%\n`).join("")
  );
}

const showAllocInfo = (s: string, r: AllocInfo): Array<[string, string]> => [
  [`KM_${s}_CPU`, String(r.vcpus)],
  [`KM_${s}_NPU`, showDouble(r.ncpus)],
  [`KM_${s}_MEM`, String(r.mem)],
  [`KM_${s}_DSK`, String(r.disk)],
  [`KM_${s}_SPN`, String(r.spn)],
];

export type SpecCount = [RSpec, number];

/** printTiered: the tiers placed and the key metrics. */
export function tieredReport(machine: boolean, specMap: readonly SpecCount[], ini: readonly Node[], trl: readonly Node[], reasons: FailStats): string {
  if (machine) {
    const iniStats = totalResources(ini);
    const trlStats = totalResources(trl);
    const [rini, ralo, runa] = computeAllocationDelta(iniStats, trlStats);
    const tspec = specMap.map(([s, c]) => `${s.mem},${s.dsk},${s.cpu},${s.spn}=${c}`).join(" ");
    return (
      formatKeys(statsKeys("TRL", trlStats)) +
      formatKeys([["TSPEC", tspec]]) +
      formatKeys(showAllocInfo("USED", rini)) +
      formatKeys(showAllocInfo("POOL", ralo)) +
      formatKeys(showAllocInfo("UNAV", runa))
    );
  }
  const spdata = haveExclStorage(ini) ? specDataSpn : specData;
  const lines =
    specMap.length === 0
      ? "  - no instances allocated\n"
      : specMap.map(([s, c]) => `  - ${String(c).padStart(3)} instances of spec ${formatResources(spdata(s))}\n`).join("");
  return `Tiered allocation results:\n${lines}${failureScoresReport(ini, trl, reasons)}`;
}

/** printResults: the standard allocation's results; null when the counts do not add up (an internal error). */
export function standardReport(machine: boolean, ini: readonly Node[], fin: readonly Node[], initialCount: number, allocs: number, reasons: FailStats): string {
  if (!machine) {
    return `Normal (fixed-size) allocation results:\n  - ${String(allocs).padStart(3)} instances allocated\n${failureScoresReport(ini, fin, reasons)}`;
  }
  const finStats = totalResources(fin);
  return (
    formatKeys(statsKeys("FIN", finStats)) +
    formatKeys([
      ["ALLOC_USAGE", f8(initialCount / (initialCount + allocs))],
      ["ALLOC_INSTANCES", String(allocs)],
      ["ALLOC_FAIL_REASON", (reasons[0]?.[0] ?? "").toUpperCase()],
    ]) +
    formatKeys(reasons.map(([m, c]) => [`ALLOC_${m}_CNT`, String(c)]))
  );
}

/** tieredSpecMap: consecutive placements of the same spec, oldest first, with their counts. */
export function tieredSpecMap(placedNewestFirst: readonly Instance[], specOf: (i: Instance) => RSpec, same: (a: RSpec, b: RSpec) => boolean): SpecCount[] {
  const out: SpecCount[] = [];
  for (const i of [...placedNewestFirst].reverse()) {
    const s = specOf(i);
    const last = out[out.length - 1];
    if (last && same(last[0], s)) last[1]++;
    else out.push([s, 1]);
  }
  return out;
}
