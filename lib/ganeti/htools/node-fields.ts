// The node table of `hbal -p` / `hspace -p` (Ganeti 3.0's Node.showField / showHeader / defaultFields).
import type { Node } from "./node";
import { availMem, unallocatedMem } from "./node";
import { fixed0, showDouble } from "./backends/haskell-format";

export const NODE_DEFAULT_FIELDS = [
  "status", "name", "tmem", "nmem", "imem", "xmem", "fmem", "umem", "rmem", "tdsk", "fdsk", "tcpu", "ucpu", "pcnt", "scnt",
  "pfmem", "pfdsk", "rcpu", "cload", "mload", "dload", "nload",
] as const;

const pad = (s: string, width: number) => s.padStart(width);
const int = (v: number, width: number) => pad(String(v), width);
const f0 = (v: number, width: number) => pad(fixed0(v), width);
const fx = (v: number, digits: number, width: number) => pad(v.toFixed(digits), width);

/** A field's value as Ganeti prints it; null for an unknown field. */
export function showNodeField(n: Node, field: string): string | null {
  switch (field) {
    case "idx": return int(n.idx, 4);
    case "name": return n.alias;
    case "fqdn": return n.name;
    case "status": return n.offline ? "-" : n.failN1 ? "*" : " ";
    case "tmem": return f0(n.tMem, 5);
    case "nmem": return int(n.nMem, 5);
    case "xmem": return int(n.xMem, 5);
    case "fmem": return int(n.fMem, 5);
    case "imem": return int(n.iMem, 5);
    case "umem": return int(unallocatedMem(n), 5);
    case "rmem": return int(n.rMem, 5);
    case "amem": return int(availMem(n), 5);
    case "tdsk": return f0(n.tDsk / 1024, 5);
    case "fdsk": return int(Math.floor(n.fDsk / 1024), 5);
    case "tcpu": return f0(n.tCpu, 4);
    case "ucpu": return int(n.uCpu, 4);
    case "pcnt": return int(n.pList.length, 3);
    case "scnt": return int(n.sList.length, 3);
    case "plist": return `[${n.pList.join(",")}]`;
    case "slist": return `[${n.sList.join(",")}]`;
    case "pfmem": return fx(n.pMem, 4, 6);
    case "pfdsk": return fx(n.pDsk, 4, 6);
    case "rcpu": return fx(n.pCpu, 2, 5);
    case "cload": return fx(n.utilLoad.cpu, 3, 5);
    case "mload": return fx(n.utilLoad.mem, 3, 5);
    case "dload": return fx(n.utilLoad.dsk, 3, 5);
    case "nload": return fx(n.utilLoad.net, 3, 5);
    case "ptags": return [...n.pTags].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([t, c]) => `${t}=${c}`).join(",");
    case "peermap": return `[${[...n.peers].sort(([a], [b]) => a - b).map(([k, v]) => `(${k},${v})`).join(",")}]`;
    case "spindle_count": return String(n.tSpindles);
    case "hi_spindles": return showDouble(n.hiSpindles);
    case "inst_spindles": return showDouble(n.instSpindles);
    default: return null;
  }
}

const HEADERS: Record<string, [string, boolean]> = {
  idx: ["Index", true], name: ["Name", false], fqdn: ["Name", false], status: ["F", false], tmem: ["t_mem", true],
  nmem: ["n_mem", true], xmem: ["x_mem", true], fmem: ["f_mem", true], umem: ["u_mem", true], imem: ["i_mem", true], rmem: ["r_mem", true],
  amem: ["a_mem", true], tdsk: ["t_dsk", true], fdsk: ["f_dsk", true], tcpu: ["pcpu", true], ucpu: ["vcpu", true],
  pcnt: ["pcnt", true], scnt: ["scnt", true], plist: ["primaries", true], slist: ["secondaries", true],
  pfmem: ["p_fmem", true], pfdsk: ["p_fdsk", true], rcpu: ["r_cpu", true], cload: ["lCpu", true], mload: ["lMem", true],
  dload: ["lDsk", true], nload: ["lNet", true], ptags: ["PrimaryTags", false], peermap: ["PeerMap", false],
  spindle_count: ["NodeSpindles", true], hi_spindles: ["MaxSpindles", true], inst_spindles: ["InstSpindles", true],
};

/** Header and whether the column is numeric (right-aligned); null for an unknown field. */
export function showNodeHeader(field: string): { header: string; numeric: boolean } | null {
  const h = HEADERS[field];
  return h ? { header: h[0], numeric: h[1] } : null;
}
