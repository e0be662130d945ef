import { CreateWizard } from "@/components/create/create-wizard";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Create a VM" };

export default async function NewInstancePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const cluster = (await searchParams).cluster;
  return (
    <>
      <PageHeader title="Create a virtual machine" description="Checked against the cluster's policy and your quota as you type; nothing is made until you press Create." />
      <CreateWizard initialCluster={typeof cluster === "string" ? cluster : undefined} />
    </>
  );
}
