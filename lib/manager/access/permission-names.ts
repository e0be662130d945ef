// Permission names, as in GWM (ganeti_web/permissions.py), plus `console` on a VM, which GWM folded into `power`.
export const CLUSTER_PERMISSIONS = ["admin", "create_vm", "migrate", "export", "replace_disks", "tags"] as const;
export const INSTANCE_PERMISSIONS = ["admin", "power", "modify", "remove", "tags", "console"] as const;

export type ClusterPermission = (typeof CLUSTER_PERMISSIONS)[number];
export type InstancePermission = (typeof INSTANCE_PERMISSIONS)[number];
