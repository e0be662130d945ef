"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { activeHref, NAVIGATION } from "@/components/layout/navigation";

export function NavLinks({ mayAdminister }: { mayAdminister: boolean }) {
  const pathname = usePathname();
  const items = NAVIGATION.filter((item) => mayAdminister || !item.adminOnly);
  const current = activeHref(items, pathname);
  return (
    <nav aria-label="Main" className="flex gap-1 md:flex-col">
      {items.map((item) => {
        const active = item.href === current;
        return (
          <Link key={item.href} href={item.href} aria-current={active ? "page" : undefined}
            className={`whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium ${active ? "bg-brand-100 text-brand-900" : "text-slate-700 hover:bg-slate-100"}`}>
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
