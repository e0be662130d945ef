import { GroupsAdmin } from "@/components/admin/groups-admin";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Groups" };

export default async function GroupsPage() {
  const user = await requireUser();
  if (!user.isAdmin) return <Forbidden what="group management" />;
  return (
    <>
      <PageHeader title="Groups" description="Groups own VMs and hold permissions and quotas together." />
      <GroupsAdmin />
    </>
  );
}
