import { ClusterTabs } from "@/components/admin/cluster-tabs";
import { TemplatesAdmin } from "@/components/admin/templates-admin";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "VM templates" };

// Cluster admins who are not superusers may use this page too: the API decides, and its refusal is shown.
export default async function ClusterTemplatesPage({ params }: { params: Promise<{ slug: string }> }) {
  const user = await requireUser();
  const { slug } = await params;
  return (
    <>
      <PageHeader title={`VM templates on ${slug}`} description="The presets users creating VMs on this cluster pick from: this cluster's and those for every cluster." />
      <ClusterTabs slug={slug} current="templates" />
      <TemplatesAdmin cluster={slug} isSuperuser={user.isAdmin} />
    </>
  );
}
