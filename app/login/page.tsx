import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSessionUser } from "@/lib/web/session";
import { safeCallbackPath } from "@/lib/web/callback-path";

export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(typeof params.callbackUrl === "string" ? params.callbackUrl : null);
  if (await getSessionUser()) redirect(callbackPath);
  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <h1 className="text-3xl font-semibold tracking-tight text-brand-900">Gantry</h1>
          <p className="mt-2 text-sm text-slate-600">Sign in to manage your virtual machines.</p>
        </div>
        <SignInForm callbackPath={callbackPath} />
      </div>
    </main>
  );
}
