// Job query fields (gnt-job list -o, /2/query/job, /2/jobs).
import { jobPriority, jobStatus, type Job } from "../jobs/job";
import { opSummary } from "../opcodes/registry";
import { field, type Field } from "./fields";

export type JobQueryContext = { archived: (job: Job) => boolean };
type F = Field<Job, JobQueryContext>;

export const JOB_FIELDS: F[] = [
  field("id", "ID", "number", "Job ID", (j) => j.id),
  field("status", "Status", "text", "Job status", (j) => jobStatus(j)),
  field("priority", "Priority", "number", "Current job priority", (j) => jobPriority(j)),
  field("archived", "Archived", "bool", "Whether job is archived", (j, ctx) => ctx.archived(j)),
  field("ops", "OpCodes", "other", "List of all opcodes", (j) => j.ops.map((o) => o.input)),
  field("opresult", "OpCode_result", "other", "List of opcodes results", (j) => j.ops.map((o) => o.result)),
  field("opstatus", "OpCode_status", "other", "List of opcodes status", (j) => j.ops.map((o) => o.status)),
  field("oplog", "OpCode_log", "other", "List of opcode output logs", (j) => j.ops.map((o) => o.log)),
  field("opstart", "OpCode_start", "other", "List of opcode start timestamps (before acquiring locks)", (j) => j.ops.map((o) => o.start_timestamp)),
  field("opexec", "OpCode_exec", "other", "List of opcode execution start timestamps (after acquiring locks)", (j) => j.ops.map((o) => o.exec_timestamp)),
  field("opend", "OpCode_end", "other", "List of opcode execution end timestamps", (j) => j.ops.map((o) => o.end_timestamp)),
  field("oppriority", "OpCode_prio", "other", "List of opcode priorities", (j) => j.ops.map((o) => o.priority)),
  field("summary", "Summary", "other", "List of per-opcode summaries", (j) => j.ops.map((o) => opSummary(o.input))),
  field("received_ts", "Received", "timestamp", "Timestamp of when job was received", (j) => j.received_timestamp),
  field("start_ts", "Start", "timestamp", "Timestamp of job start", (j) => j.start_timestamp),
  field("end_ts", "End", "timestamp", "Timestamp of job end", (j) => j.end_timestamp),
  field("submitter", "Submitter", "text", "Who submitted the job (Gantry)", (j) => j.submitter ?? null),
];
