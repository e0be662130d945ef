// A column header that sorts the VM list by its column (a link, so it works from the keyboard and can be opened anew);
// aria-sort tells screen readers the current order.
import Link from "next/link";
import { th } from "@/components/ui/styles";
import { listHref, type ListQuery, type SortKey } from "./instance-query";

export function SortHeader({ query, sortKey, label, className = "" }: { query: ListQuery; sortKey: SortKey; label: string; className?: string }) {
  const current = (query.sort ?? "name") === sortKey;
  const order = query.order === "desc" ? "desc" : "asc";
  const next = current && order === "asc" ? "desc" : "asc";
  return (
    <th scope="col" className={`${th} ${className}`} aria-sort={current ? (order === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={listHref(query, { sort: sortKey, order: next, page: undefined })} className="inline-flex items-center gap-1 hover:text-slate-900" scroll={false}>
        {label}
        <span aria-hidden className={current ? "text-slate-900" : "text-slate-300"}>{current && order === "desc" ? "↓" : "↑"}</span>
        <span className="sr-only">, sort {next === "asc" ? "ascending" : "descending"}</span>
      </Link>
    </th>
  );
}
