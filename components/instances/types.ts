// The API's answers as the VM pages read them (type-only imports: nothing of the server reaches the browser).
export type { InstanceList, InstanceListItem } from "@/lib/manager/instances/list-instances";
export type { ListedCluster } from "@/lib/manager/clusters/list-clusters";
export type { InstanceAction } from "@/lib/manager/instances/allowed-actions";
export type { ConfirmationSent } from "@/lib/manager/confirmations/request-confirmation";

import type { InstanceListItem } from "@/lib/manager/instances/list-instances";

/** GET /api/instances/CLUSTER/NAME: the list's row (with what the user may do) and Ganeti's query record in `fields`. */
export type InstanceDetail = InstanceListItem & {
  uuid: string;
  mtime: number;
  serialNo: number;
  syncedAt: string;
  fields: Record<string, unknown>;
};

export type InstanceHistory = {
  jobs: Array<{ jobId: number | null; action: string; status: string; submittedAt: string; endedAt: string | null }>;
  audit: Array<{ at: string; actorEmail: string; action: string; result: string; jobId: number | null; message: string }>;
};

/** What every action answers: 202 with the job to follow. */
export type Submitted = { jobId: number; cluster: string };
