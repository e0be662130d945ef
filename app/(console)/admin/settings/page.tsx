import { RequestSettingsForm } from "@/components/admin/request-settings-form";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser();
  if (!user.isAdmin) return <Forbidden what="the settings" />;
  return (
    <>
      <PageHeader title="Settings" description="Limits of VM requests, and the e-mail confirmation of owners' destructive actions." />
      <RequestSettingsForm />
    </>
  );
}
