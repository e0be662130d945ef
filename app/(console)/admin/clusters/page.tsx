import { ClustersAdmin } from "@/components/admin/clusters-admin";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Clusters" };

export default async function ClustersPage() {
  const user = await requireUser();
  if (!user.isAdmin) return <Forbidden what="the clusters' settings" />;
  return (
    <>
      <PageHeader title="Clusters" description="The clusters Gantry manages. RAPI passwords are stored sealed and never shown." />
      <ClustersAdmin />
    </>
  );
}
