// The product's navigation, in the order users meet it. Admin-only entries are hidden from others; their pages
// check again on the server.
export type NavItem = { href: string; label: string; adminOnly?: boolean };

export const NAVIGATION: NavItem[] = [
  { href: "/", label: "Overview" },
  { href: "/instances", label: "Virtual machines" },
  { href: "/nodes", label: "Nodes" },
  { href: "/jobs", label: "Jobs" },
  { href: "/applications", label: "Applications" },
  { href: "/admin", label: "Admin", adminOnly: true },
  { href: "/audit", label: "Audit log" },
];

export const isActive = (href: string, pathname: string) =>
  href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
