// Previous and next pages of the audit log, as links that keep the filters.
import Link from "next/link";
import { queryString, type AuditQuery } from "./audit-query";

export function AuditPager({ query, page, pageSize, total }: { query: AuditQuery; page: number; pageSize: number; total: number }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (to: number) => `/audit?${queryString(query, { page: String(to) })}`;
  const cls = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100";
  return (
    <nav aria-label="Audit log pages" className="mt-4 flex items-center gap-3 text-sm">
      {page > 1 ? <Link href={link(page - 1)} className={cls} rel="prev">Previous</Link> : <span className={`${cls} opacity-50`} aria-disabled>Previous</span>}
      <span className="text-slate-600">Page {page} of {pages}</span>
      {page < pages ? <Link href={link(page + 1)} className={cls} rel="next">Next</Link> : <span className={`${cls} opacity-50`} aria-disabled>Next</span>}
    </nav>
  );
}
