import { ClusterTabs } from "@/components/admin/cluster-tabs";
import { QuotasAdmin } from "@/components/admin/quotas-admin";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Quotas" };

// Cluster admins who are not superusers may use this page too: the API decides, and its refusal is shown.
export default async function QuotasPage({ params }: { params: Promise<{ slug: string }> }) {
  await requireUser();
  const { slug } = await params;
  return (
    <>
      <PageHeader title={`Quotas of ${slug}`} description="Memory and vCPUs of running VMs and disk of all VMs count against their owner's quota." />
      <ClusterTabs slug={slug} current="quotas" />
      <QuotasAdmin slug={slug} />
    </>
  );
}
