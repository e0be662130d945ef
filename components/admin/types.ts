// The API's answers as the admin pages read them (type-only imports: nothing of the server reaches the browser).
export type { ClusterView } from "@/lib/manager/clusters/cluster-view";
export type { ListedCluster } from "@/lib/manager/clusters/list-clusters";
export type { UserView } from "@/lib/manager/users/user-view";
export type { GroupView } from "@/lib/manager/groups/group-view";
export type { AuditItem } from "@/lib/manager/audit/audit-view";
export type { PersonaQuota } from "@/lib/manager/quotas/list-quotas";
export type { Limits, Resources } from "@/lib/manager/quotas/quota-usage";
export type { ListedTemplate, TemplateView } from "@/lib/manager/templates/manage-templates";

import type { Limits, Resources } from "@/lib/manager/quotas/quota-usage";

export type QuotaList = {
  cluster: string;
  default: Limits;
  canEdit: boolean;
  quotas: Array<{ persona: string; label: string; isDefault: boolean; limits: Limits; used: Resources }>;
};

export type PermissionRow = { grantee: string; granteeLabel: string; cluster: string; instance: string | null; perm: string };

export type ImportReport = {
  cluster: string;
  syncedAt: string | null;
  orphans: Array<{ name: string; ownerTag: string | null }>;
  gone: Array<{ name: string; owner: string | null; permissions: number }>;
  mismatched: Array<{ name: string; owner: string; ownerLabel: string; ownerTag: string | null }>;
};
