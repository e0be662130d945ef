import { NodesList } from "@/components/nodes/nodes-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Nodes" };

export default async function NodesPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Nodes" description="The nodes of each cluster you see whole: roles, flags, capacity and VMs." />
      <NodesList />
    </>
  );
}
