import { TemplatesAdmin } from "@/components/admin/templates-admin";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { mayAdminister } from "@/lib/web/may-administer";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "VM templates" };

// Superusers keep templates for every cluster and for each; a cluster admin who is not one, those of their clusters.
export default async function TemplatesPage() {
  const user = await requireUser();
  if (!(await mayAdminister(user))) return <Forbidden what="VM templates' administration" />;
  return (
    <>
      <PageHeader title="VM templates" description="Named presets of disks, memory, vCPUs and OS that users pick in the create wizard." />
      <TemplatesAdmin isSuperuser={user.isAdmin} />
    </>
  );
}
