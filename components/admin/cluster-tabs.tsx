// The per-cluster admin pages, as tabs under the page's title.
import Link from "next/link";

export const CLUSTER_PAGES = [
  { segment: "quotas", label: "Quotas" },
  { segment: "permissions", label: "Permissions" },
  { segment: "import", label: "Import" },
  { segment: "templates", label: "Templates" },
] as const;

export function ClusterTabs({ slug, current }: { slug: string; current: (typeof CLUSTER_PAGES)[number]["segment"] }) {
  return (
    <nav aria-label="Cluster administration" className="mb-6 flex gap-1 border-b border-slate-200">
      {CLUSTER_PAGES.map((tab) => (
        <Link key={tab.segment} href={`/admin/clusters/${encodeURIComponent(slug)}/${tab.segment}`} aria-current={tab.segment === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${tab.segment === current ? "border-brand-600 text-brand-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
