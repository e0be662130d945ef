// Who sees the administration pages in the navigation: superusers, and cluster admins (the admin permission on some
// cluster, held themselves or through a group). Each page's API still decides what they may do there.
import { cache } from "react";
import { db } from "@/lib/db/client";
import { loadAccess } from "@/lib/manager/access/access";
import type { SessionUser } from "@/lib/web/session";

export const mayAdminister = cache(async (user: SessionUser): Promise<boolean> => {
  if (user.isAdmin) return true;
  const access = await loadAccess(db(), { id: user.id, email: user.email, isAdmin: false, ip: "" });
  return [...access.cluster.values()].some((perms) => perms.has("admin"));
});
