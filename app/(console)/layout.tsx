import Link from "next/link";
import type { ReactNode } from "react";
import { HealthIndicator } from "@/components/layout/health-indicator";
import { NavLinks } from "@/components/layout/nav-links";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { mayAdminister } from "@/lib/web/may-administer";
import { requireUser } from "@/lib/web/session";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <div className="flex min-h-full flex-col md:flex-row">
      <aside className="flex shrink-0 items-center gap-4 overflow-x-auto border-b border-slate-200 bg-white p-2 md:w-56 md:flex-col md:items-stretch md:gap-6 md:border-b-0 md:border-r md:p-4">
        <Link href="/" className="px-3 text-xl font-semibold tracking-tight text-brand-900">Gantry</Link>
        <NavLinks mayAdminister={await mayAdminister(user)} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex flex-wrap items-center justify-end gap-x-4 gap-y-2 border-b border-slate-200 bg-white px-4 py-3 md:px-6">
          <HealthIndicator />
          <Link href="/account" className="text-sm text-slate-700 hover:underline" data-testid="current-user">
            {user.name} <span className="text-slate-400">({user.email})</span>
            {user.isAdmin && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">admin</span>}
          </Link>
          <SignOutButton />
        </header>
        <main className="flex-1 p-4 md:p-6">{children}</main>
      </div>
    </div>
  );
}
