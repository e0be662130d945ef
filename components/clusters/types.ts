// The cluster and node APIs' answers as the pages read them (type-only imports: nothing of the server reaches the browser).
export type { ListedCluster } from "@/lib/manager/clusters/list-clusters";
export type { NodeView } from "@/lib/manager/nodes/list-nodes";
export type { GroupPlan, PlannedMove } from "@/lib/manager/clusters/rebalance-plan";
import type { ClusterView } from "@/lib/manager/clusters/cluster-view";
import type { NodeView } from "@/lib/manager/nodes/list-nodes";

export type Capacity = { nodes: number; offline: number; memoryTotal: number; memoryFree: number; diskTotal: number; diskFree: number; cpus: number;
  /** vCPUs of the VMs meant to run on these nodes (admin state up). */
  vcpusUp: number };

export type IPolicySpec = Record<string, number>;
export type IPolicy = { minmax?: Array<{ min: IPolicySpec; max: IPolicySpec }>; std?: IPolicySpec; "vcpu-ratio"?: number; "spindle-ratio"?: number; "disk-templates"?: string[] };

/** GET /api/clusters/SLUG/overview. */
export type ClusterOverview = {
  cluster: ClusterView;
  info: {
    name: string;
    master: string;
    softwareVersion: string;
    defaultHypervisor: string;
    enabledHypervisors: string[];
    enabledDiskTemplates: string[];
    ipolicy: IPolicy | null;
    candidatePoolSize: number | null;
    defaultIallocator: string | null;
    tags: string[];
  } | null;
  infoError: string | null;
  capacity: Capacity;
  groups: Array<{ name: string; allocPolicy: string; nodeCount: number; capacity: Capacity }>;
  instances: Record<string, number>;
};

export type NodeList = { cluster: string; syncedAt: string | null; nodes: NodeView[] };

export type NodeVm = { name: string; status: string; memory: number; vcpus: number; diskTemplate: string };
export type NodeDetail = { cluster: string; node: NodeView; primaries: NodeVm[]; secondaries: NodeVm[] };

/** The permissions that show a whole cluster (cluster.view_all), and those that act on nodes (node.manage). */
const VIEW_ALL = ["superuser", "admin", "migrate", "export", "replace_disks", "tags"];
export const seesWholeCluster = (permissions: string[]) => permissions.some((p) => VIEW_ALL.includes(p));
export const managesNodes = (permissions: string[]) => permissions.some((p) => ["superuser", "admin", "migrate"].includes(p));
export const administers = (permissions: string[]) => permissions.some((p) => ["superuser", "admin"].includes(p));

export const clusterHref = (slug: string) => `/clusters/${encodeURIComponent(slug)}`;
export const nodeHref = (cluster: string, name: string) => `/nodes/${encodeURIComponent(cluster)}/${encodeURIComponent(name)}`;
