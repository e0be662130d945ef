import Link from "next/link";
import { InstanceList } from "@/components/instances/instance-list";
import { listQuery } from "@/components/instances/instance-query";
import { PageHeader } from "@/components/ui/page-header";
import { primaryButton } from "@/components/ui/styles";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Virtual machines" };

export default async function InstancesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = listQuery(await searchParams);
  return (
    <>
      <PageHeader title="Virtual machines" description="The VMs you own or may manage, live from every cluster's cache."
        actions={<Link href="/instances/new" className={primaryButton}>Create a VM</Link>} />
      <InstanceList query={query} me={`user:${user.id}`} />
    </>
  );
}
