// The instance policy's limits as a small table: min, standard and max of each spec (Ganeti's ipolicy minmax and std).
import { formatMiB } from "@/components/admin/units";
import { table, tableCard, td, th } from "@/components/ui/styles";
import type { IPolicy } from "./types";

const SPECS: Array<[string, string, (n: number) => string]> = [
  ["memory-size", "Memory", formatMiB],
  ["cpu-count", "vCPUs", String],
  ["disk-size", "Disk size", formatMiB],
  ["disk-count", "Disks", String],
  ["nic-count", "NICs", String],
  ["spindle-use", "Spindles", String],
];

export function IPolicyTable({ ipolicy }: { ipolicy: IPolicy }) {
  const ranges = ipolicy.minmax ?? [];
  const cell = (spec: Record<string, number> | undefined, key: string, format: (n: number) => string) => (spec && typeof spec[key] === "number" ? format(spec[key]) : "—");
  return (
    <div className="space-y-2">
      <div className={tableCard}>
        <table className={table} aria-label="Instance policy">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={th}>Spec</th>
              {ranges.map((_, i) => <th key={`min${i}`} scope="col" className={`${th} text-right`}>Min{ranges.length > 1 ? ` ${i + 1}` : ""}</th>)}
              <th scope="col" className={`${th} text-right`}>Standard</th>
              {ranges.map((_, i) => <th key={`max${i}`} scope="col" className={`${th} text-right`}>Max{ranges.length > 1 ? ` ${i + 1}` : ""}</th>)}
            </tr>
          </thead>
          <tbody>
            {SPECS.map(([key, name, format]) => (
              <tr key={key}>
                <th scope="row" className={`${td} font-medium`}>{name}</th>
                {ranges.map((r, i) => <td key={`min${i}`} className={`${td} text-right tabular-nums`}>{cell(r.min, key, format)}</td>)}
                <td className={`${td} text-right tabular-nums`}>{cell(ipolicy.std, key, format)}</td>
                {ranges.map((r, i) => <td key={`max${i}`} className={`${td} text-right tabular-nums`}>{cell(r.max, key, format)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-500">
        vCPU ratio {ipolicy["vcpu-ratio"] ?? "—"} · spindle ratio {ipolicy["spindle-ratio"] ?? "—"}
        {ipolicy["disk-templates"] && <> · disk templates allowed: {ipolicy["disk-templates"].join(", ")}</>}
      </p>
    </div>
  );
}
