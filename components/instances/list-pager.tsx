// Previous and next pages of a list, as links that keep its filters, with where we are ("51–100 of 2,300").
import Link from "next/link";

const cls = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100";

export function ListPager({ label, page, pageSize, total, href }: { label: string; page: number; pageSize: number; total: number; href: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total === 0) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
      <span className="text-slate-600">{first.toLocaleString("en")}–{last.toLocaleString("en")} of {total.toLocaleString("en")}</span>
      <span className="flex items-center gap-2">
        {page > 1 ? <Link href={href(page - 1)} className={cls} rel="prev">Previous</Link> : <span className={`${cls} opacity-50`} aria-disabled>Previous</span>}
        <span className="text-slate-600">Page {page} of {pages.toLocaleString("en")}</span>
        {page < pages ? <Link href={href(page + 1)} className={cls} rel="next">Next</Link> : <span className={`${cls} opacity-50`} aria-disabled>Next</span>}
      </span>
    </nav>
  );
}
