import { BroadcastAdmin } from "@/components/broadcasts/broadcast-admin";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { mayAdminister } from "@/lib/web/may-administer";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Notify VM owners" };

type Props = { searchParams: Promise<{ cluster?: string; vms?: string }> };

// Superusers and cluster admins; ?cluster=&vms=a,b comes from the VM list's "Notify owners" with those VMs chosen.
export default async function BroadcastPage({ searchParams }: Props) {
  const user = await requireUser();
  if (!(await mayAdminister(user))) return <Forbidden what="notices to VM owners" />;
  const { cluster, vms } = await searchParams;
  const initial = vms ? { cluster, kind: "instances" as const, instances: vms.split(",").join("\n") } : { cluster };
  return (
    <>
      <PageHeader title="Notify VM owners" description="Mail a notice to the owners of a cluster's VMs, of a node's, or of chosen VMs." />
      <BroadcastAdmin initial={initial} />
    </>
  );
}
