import { ClusterTabs } from "@/components/admin/cluster-tabs";
import { ImportAdmin } from "@/components/admin/import-admin";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Import" };

// Cluster admins who are not superusers may use this page too: the API decides, and its refusal is shown.
export default async function ImportPage({ params }: { params: Promise<{ slug: string }> }) {
  await requireUser();
  const { slug } = await params;
  return (
    <>
      <PageHeader title={`Import on ${slug}`} description="Reconcile Gantry's records with the VMs on the cluster." />
      <ClusterTabs slug={slug} current="import" />
      <ImportAdmin slug={slug} />
    </>
  );
}
