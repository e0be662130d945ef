import Link from "next/link";
import { CLUSTER_PAGES } from "@/components/admin/cluster-tabs";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { card } from "@/components/ui/styles";
import { db } from "@/lib/db/client";
import { listClusters } from "@/lib/manager/clusters/list-clusters";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Admin" };

type Section = { href: string; title: string; text: string; /** Shown to cluster admins too, not only to superusers. */ clusterAdmins?: boolean };

const SECTIONS: Section[] = [
  { href: "/admin/clusters", title: "Clusters", text: "Add, test, refresh and remove the clusters Gantry manages." },
  { href: "/admin/users", title: "Users", text: "Accounts, superusers, password resets and group memberships." },
  { href: "/admin/groups", title: "Groups", text: "Groups of users that own VMs and hold permissions together." },
  { href: "/admin/templates", title: "VM templates", text: "Named presets of disks, memory, vCPUs and OS that users pick in the create wizard.", clusterAdmins: true },
  { href: "/admin/mail", title: "Mail", text: "Every e-mail Gantry wrote (the outbox, when no SMTP server is set), with its text." },
  { href: "/admin/settings", title: "Settings", text: "What a VM request may ask for, and e-mail confirmation of owners' destructive actions." },
  { href: "/admin/broadcast", title: "Notify VM owners", text: "Mail a notice to the owners of a cluster's, a node's or chosen VMs; the notices sent before.", clusterAdmins: true },
  { href: "/audit", title: "Audit log", text: "Who did what, to which object, with which job and result." },
];


export default async function AdminPage() {
  const user = await requireUser();
  // Superusers see everything; a cluster admin who is not one sees the pages of the clusters they administer.
  const listed = await listClusters({ db: db() }, { actor: { id: user.id, email: user.email, isAdmin: user.isAdmin, ip: "" } });
  const clusters = listed.filter((c) => user.isAdmin || c.permissions.includes("admin"));
  if (!user.isAdmin && clusters.length === 0) return <Forbidden what="the administration pages" />;
  return (
    <>
      <PageHeader title="Admin" description="Clusters, users, groups, quotas, permissions, VM templates, mail, settings and the audit log." />
      <ul className="mb-8 grid gap-4 sm:grid-cols-2">
        {SECTIONS.filter((s) => user.isAdmin || s.clusterAdmins).map((s) => (
          <li key={s.href} className={card}>
            <Link href={s.href} className="font-medium text-brand-700 hover:underline">{s.title}</Link>
            <p className="mt-1 text-sm text-slate-600">{s.text}</p>
          </li>
        ))}
      </ul>
      <h2 className="mb-3 text-lg font-medium">Per cluster</h2>
      {clusters.length === 0 ? (
        <p className="text-sm text-slate-600">No cluster yet: <Link href="/admin/clusters" className="text-brand-700 hover:underline">add one</Link>.</p>
      ) : (
        <ul className="space-y-2">
          {clusters.map((c) => (
            <li key={c.id} className={`${card} flex flex-wrap items-center gap-4`}>
              <span className="font-medium">{c.slug}</span>
              <span className="text-sm text-slate-500">{c.name}</span>
              <span className="ml-auto flex gap-3 text-sm">
                {CLUSTER_PAGES.map((page) => (
                  <Link key={page.segment} href={`/admin/clusters/${encodeURIComponent(c.slug)}/${page.segment}`} className="text-brand-700 hover:underline"
                    aria-label={`${page.label} of ${c.slug}`}>
                    {page.label}
                  </Link>
                ))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
