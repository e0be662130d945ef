// Jobs as the API gives them: a page of the cluster's cached jobs, and one job live from its cluster.
export type JobListItem = { id: number; status: string; summary: string; receivedAt: string | null; startedAt: string | null; endedAt: string | null };
export type JobList = { cluster: string; total: number; page: number; pageSize: number; items: JobListItem[] };

export type JobOpResult = { error: string } | { value: unknown } | null;

export type JobDetail = {
  cluster: string;
  id: number;
  status: string;
  final: boolean;
  summary: string[] | string;
  receivedAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
  ops: Array<{ op: string; status: string; result: JobOpResult }>;
  childJobs: number[];
  log: Array<{ serial: number; time: string | null; type: string; message: string }>;
};

export const JOB_STATUSES = ["queued", "waiting", "running", "canceling", "success", "error", "canceled"] as const;
