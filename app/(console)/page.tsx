import { NotYet } from "@/components/ui/not-yet";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title="Overview" description={`Welcome, ${user.name}.`} />
      <NotYet feature="Capacity of every cluster at a glance, your virtual machines, your quota and recent jobs." issue={7} />
    </>
  );
}
