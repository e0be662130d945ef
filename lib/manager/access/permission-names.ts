// Permission names, as in GWM (ganeti_web/permissions.py), plus `console` on a VM, which GWM folded into `power`, and
// `approve` on a cluster: reviewing VM requests and approving them onto that cluster (ganetimgr's global
// change_instanceapplication, scoped here like every other permission).
export const CLUSTER_PERMISSIONS = ["admin", "create_vm", "migrate", "export", "replace_disks", "tags", "approve"] as const;
export const INSTANCE_PERMISSIONS = ["admin", "power", "modify", "remove", "tags", "console"] as const;

export type ClusterPermission = (typeof CLUSTER_PERMISSIONS)[number];
export type InstancePermission = (typeof INSTANCE_PERMISSIONS)[number];
