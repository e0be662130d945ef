import { UsersAdmin } from "@/components/admin/users-admin";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requireUser();
  if (!user.isAdmin) return <Forbidden what="user management" />;
  return (
    <>
      <PageHeader title="Users" description="Accounts, superusers, passwords and group memberships." />
      <UsersAdmin />
    </>
  );
}
