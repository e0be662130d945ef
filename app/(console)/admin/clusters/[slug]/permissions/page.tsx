import Link from "next/link";
import { ClusterTabs } from "@/components/admin/cluster-tabs";
import { PermissionsAdmin } from "@/components/admin/permissions-admin";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Permissions" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ instance?: string | string[] }> };

// Cluster (or VM) admins who are not superusers may use this page too: the API decides, and its refusal is shown.
export default async function PermissionsPage({ params, searchParams }: Props) {
  await requireUser();
  const { slug } = await params;
  const raw = (await searchParams).instance;
  const instance = (Array.isArray(raw) ? raw[0] : raw)?.trim() || undefined;
  return (
    <>
      <PageHeader title={`Permissions on ${slug}`} description="Cluster permissions: admin, create_vm, migrate, export, replace_disks, tags. VM permissions: admin, power, modify, remove, tags, console." />
      <ClusterTabs slug={slug} current="permissions" />
      <form className="mb-4 flex items-end gap-2 text-sm" action={`/admin/clusters/${encodeURIComponent(slug)}/permissions`}>
        <label className="text-slate-700">Only the VM
          <input name="instance" defaultValue={instance ?? ""} className="mt-1 block w-64 rounded-md border border-slate-300 px-3 py-1.5" placeholder="all VMs and the cluster" />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-slate-700 hover:bg-slate-100">Show</button>
        {instance && <Link href={`/admin/clusters/${encodeURIComponent(slug)}/permissions`} className="py-1.5 text-brand-700 hover:underline">Show all</Link>}
      </form>
      <PermissionsAdmin key={instance ?? ""} slug={slug} instance={instance} />
    </>
  );
}
