import { RequestForm } from "@/components/requests/request-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Request a VM" };

export default async function NewRequestPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title="Request a virtual machine" description="Checked as you type; an approver reviews it, and you get an e-mail at each step." />
      <RequestForm me={`user:${user.id}`} />
    </>
  );
}
