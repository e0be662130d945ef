// The page a confirmation e-mail links to: for the user it was sent to, what the link will do and a button that does
// it; for anyone else, or a link that is used, superseded or expired, why it cannot be used.
import { ConfirmAction } from "@/components/confirmations/confirm-action";
import { ConfirmRefused } from "@/components/confirmations/confirm-refused";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors/app-error";
import { showConfirmation, type ConfirmationView } from "@/lib/manager/confirmations/show-confirmation";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Confirm an action" };

type Props = { params: Promise<{ token: string }> };

export default async function ConfirmRoute({ params }: Props) {
  const user = await requireUser();
  const { token } = await params;
  let view: ConfirmationView;
  try {
    view = await showConfirmation({ db: db() }, { actor: { id: user.id, email: user.email, isAdmin: user.isAdmin, ip: "" }, token });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return (
      <>
        <PageHeader title="Confirm an action" />
        <ConfirmRefused message={error.message} />
      </>
    );
  }
  return (
    <>
      <PageHeader title="Confirm an action" description="You asked for this on a VM's page; it waits for you to confirm it here." />
      <ConfirmAction token={token} view={view} />
    </>
  );
}
