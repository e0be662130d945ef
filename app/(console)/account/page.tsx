import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/web/session";

export const metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title="Account" />
      <dl className="mb-8 grid max-w-md grid-cols-3 gap-2 text-sm">
        <dt className="text-slate-500">Name</dt><dd className="col-span-2">{user.name}</dd>
        <dt className="text-slate-500">E-mail</dt><dd className="col-span-2">{user.email}</dd>
        <dt className="text-slate-500">Role</dt><dd className="col-span-2">{user.isAdmin ? "Administrator" : "User"}</dd>
      </dl>
      <h2 className="mb-3 text-lg font-medium">Change password</h2>
      <ChangePasswordForm />
    </>
  );
}
