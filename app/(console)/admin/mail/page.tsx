import { MailOutbox } from "@/components/admin/mail-outbox";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Mail" };

export default async function MailPage() {
  const user = await requireUser();
  if (!user.isAdmin) return <Forbidden what="the mail Gantry sends" />;
  return (
    <>
      <PageHeader title="Mail" description="Every e-mail Gantry wrote: to approvers, applicants and owners, newest first." />
      <MailOutbox />
    </>
  );
}
