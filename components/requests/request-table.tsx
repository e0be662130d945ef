// A page of VM requests: number and host name (links to the request), sizes, status in words, when it was filed and
// decided; the reviewers' queue adds who asked, for whom and where they would like it.
import Link from "next/link";
import { formatMiB } from "@/components/admin/units";
import { shortTime } from "@/components/jobs/job-href";
import { table, tableCard, td, th } from "@/components/ui/styles";
import { RequestStatusBadge } from "./request-status-badge";
import { requestHref, type RequestView } from "./types";

export const sizesText = (r: Pick<RequestView, "memory" | "vcpus" | "disk">) => `${formatMiB(r.memory)} · ${r.vcpus} vCPU${r.vcpus === 1 ? "" : "s"} · ${formatMiB(r.disk)}`;

export function RequestTable({ items, label, queue = false, busy = false }: { items: RequestView[]; label: string; queue?: boolean; busy?: boolean }) {
  return (
    <div className={`${tableCard} transition-opacity ${busy ? "opacity-60" : ""}`}>
      <table className={table} aria-label={label} aria-busy={busy}>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>#</th>
            <th scope="col" className={th}>Host name</th>
            {queue && <th scope="col" className={th}>Applicant</th>}
            <th scope="col" className={th}>Sizes</th>
            {queue && <th scope="col" className={`${th} hidden lg:table-cell`}>Preferred cluster</th>}
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={`${th} hidden sm:table-cell`}>Filed</th>
            <th scope="col" className={`${th} hidden sm:table-cell`}>Decided</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id} className="hover:bg-slate-50">
              <td className={`${td} tabular-nums`}><Link href={requestHref(r.id)} className="text-brand-700 hover:underline">#{r.id}</Link></td>
              <td className={td}><Link href={requestHref(r.id)} className="font-medium text-brand-700 hover:underline">{r.hostname}</Link></td>
              {queue && <td className={td}>{r.applicant}{r.owner.label !== r.applicant && <span className="block text-xs text-slate-500">for {r.owner.label}</span>}</td>}
              <td className={`${td} whitespace-nowrap`}>{sizesText(r)}</td>
              {queue && <td className={`${td} hidden lg:table-cell`}>{r.preferredCluster ?? <span className="text-slate-400">any</span>}</td>}
              <td className={td}><RequestStatusBadge request={r} /></td>
              <td className={`${td} hidden whitespace-nowrap sm:table-cell`}>{shortTime(r.createdAt)}</td>
              <td className={`${td} hidden whitespace-nowrap sm:table-cell`}>{r.decidedAt ? shortTime(r.decidedAt) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
