import { Forbidden } from "@/components/ui/forbidden";
import { NotYet } from "@/components/ui/not-yet";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Admin" };

export default async function AdminPage() {
  const user = await requireUser();
  if (!user.isAdmin) return <Forbidden what="the administration pages" />;
  return (
    <>
      <PageHeader title="Admin" />
      <NotYet feature="Clusters, users, groups, permissions, quotas and templates." issue={6} />
    </>
  );
}
