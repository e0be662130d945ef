// The product's navigation, in the order users meet it. Admin entries are shown to superusers and cluster admins
// only; their pages check again on the server.
export type NavItem = { href: string; label: string; adminOnly?: boolean };

export const NAVIGATION: NavItem[] = [
  { href: "/", label: "Overview" },
  { href: "/instances", label: "Virtual machines" },
  { href: "/nodes", label: "Nodes" },
  { href: "/jobs", label: "Jobs" },
  { href: "/applications", label: "Applications" },
  { href: "/admin", label: "Admin", adminOnly: true },
  { href: "/admin/templates", label: "VM templates", adminOnly: true },
  { href: "/audit", label: "Audit log" },
];

const within = (href: string, pathname: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));

/** The entry of the page shown: the most specific one that contains it (/admin/templates, not /admin). */
export const activeHref = (items: NavItem[], pathname: string) =>
  items.filter((item) => within(item.href, pathname)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
