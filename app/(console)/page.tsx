import { Overview } from "@/components/overview/overview";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/lib/db/client";
import { actorPersonas } from "@/lib/manager/personas/actor-personas";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requireUser();
  const personas = await actorPersonas(db(), user.id);
  return (
    <>
      <PageHeader title="Overview" description={`Welcome, ${user.name}. Your VMs, your quota and the clusters you deal with, live.`} />
      <Overview userId={user.id} personas={personas} />
    </>
  );
}
