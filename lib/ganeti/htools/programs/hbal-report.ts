// hbal's tables and diagnostics, formatted as Ganeti prints them: the node table (-p), the instance map
// (--print-instances), and the score components (-v -v -v).
import { showFixed } from "../balance/haskell-printf";
import type { Instance } from "../instance";
import { isRunning, NO_SECONDARY } from "../instance";
import type { Node } from "../node";
import { NODE_DEFAULT_FIELDS, showNodeField, showNodeHeader } from "../node-fields";
import { scoreComponents, clusterStatistics } from "../metrics";

const UNKNOWN_FIELD = "<unknown field>";

/** Ganeti's printTable: columns padded to their widest cell, numbers right-aligned, each line prefixed. */
export function printTable(prefix: string, header: readonly string[], rows: readonly (readonly string[])[], isNum: readonly boolean[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)));
  return all
    .map((r) => `${prefix} ${r.map((v, c) => (isNum[c] ? v.padStart(widths[c]!) : v.padEnd(widths[c]!))).join(" ")}\n`)
    .join("");
}

/**
 * The fractional fields, printed with Haskell's rounding (half to even on the shortest digits: 0.125 → "0.12",
 * where JavaScript's toFixed gives "0.13").
 */
function floatField(n: Node, field: string): string | null {
  const f = (v: number, digits: number, width: number) => showFixed(v, digits).padStart(width);
  switch (field) {
    case "pfmem": return f(n.pMem, 4, 6);
    case "pfdsk": return f(n.pDsk, 4, 6);
    case "rcpu": return f(n.pCpu, 2, 5);
    case "cload": return f(n.utilLoad.cpu, 3, 5);
    case "mload": return f(n.utilLoad.mem, 3, 5);
    case "dload": return f(n.utilLoad.dsk, 3, 5);
    case "nload": return f(n.utilLoad.net, 3, 5);
    default: return null;
  }
}

/** The node table (Cluster.printNodes): `fields` as given to -p ([] = the defaults, "+" first = defaults plus). */
export function printNodes(nodes: readonly Node[], fields: readonly string[]): string {
  const fs =
    fields.length === 0 ? [...NODE_DEFAULT_FIELDS] : fields[0] === "+" ? [...NODE_DEFAULT_FIELDS, ...fields.slice(1)] : [...fields];
  const sorted = [...nodes].sort((a, b) => a.idx - b.idx);
  const heads = fs.map((f) => showNodeHeader(f) ?? { header: UNKNOWN_FIELD, numeric: false });
  const rows = sorted.map((n) => fs.map((f) => floatField(n, f) ?? showNodeField(n, f) ?? UNKNOWN_FIELD));
  return printTable("", heads.map((h) => h.header), rows, heads.map((h) => h.numeric));
}

/** The instance map (Cluster.printInsts); node names are the full names, as Ganeti prints them. */
export function printInsts(nodes: readonly Node[], instances: readonly Instance[]): string {
  const sorted = [...instances].sort((a, b) => a.idx - b.idx);
  const f3 = (v: number) => showFixed(v, 3).padStart(5);
  const rows = sorted.map((i) => [
    isRunning(i) ? "R" : " ",
    i.name,
    nodes[i.pNode]!.name,
    i.sNode === NO_SECONDARY ? "" : nodes[i.sNode]!.name,
    i.autoBalance ? "Y" : "N",
    String(i.vcpus).padStart(3),
    String(i.mem).padStart(5),
    String(Math.floor(i.dsk / 1024)).padStart(5),
    f3(i.util.cpu),
    f3(i.util.mem),
    f3(i.util.dsk),
    f3(i.util.net),
  ]);
  const header = ["F", "Name", "Pri_node", "Sec_node", "Auto_bal", "vcpu", "mem", "dsk", "lCpu", "lMem", "lDsk", "lNet"];
  return printTable("", header, rows, [false, false, false, false, false, true, true, true, true, true, true, true]);
}

/** The score components with their weights (Metrics.printStats); an empty group has none. */
export function printStats(prefix: string, nodes: readonly Node[]): string {
  const rows = nodes.length === 0 ? [] : scoreComponents(clusterStatistics(nodes)).map((c) => [c.name, showFixed(c.value, 8), `x${showFixed(c.weight, 2)}`]);
  return printTable(prefix, ["Field", "Value", "Weight"], rows, [false, true, true]);
}

/** Haskell's `show` of a list of strings. */
export const showStringList = (xs: readonly string[]): string => `[${xs.map((x) => JSON.stringify(x)).join(",")}]`;
