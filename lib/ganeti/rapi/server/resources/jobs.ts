// Jobs: the list (stubs or bulk), one job, cancelling it, and waiting for it to change (lib/rapi/rlib2.py R_2_jobs*).
// /wait is a GET with a JSON body that blocks until the watched fields or the log change, at most about 10 s, and
// answers null when nothing changed.
import { z } from "zod";
import { J_FIELDS, J_FIELDS_BULK, mapFields } from "../bulk";
import { badRequest, notFound } from "../http-errors";
import { isPlainObject, jsonTypeName, parseBody, submitterOf, useBulk, type RapiRequest } from "../request";
import type { Resource } from "../routes";

async function listJobs(req: RapiRequest) {
  if (useBulk(req)) return (await req.backend.queryJobs(null, J_FIELDS_BULK)).filter(Boolean).map((row) => mapFields(J_FIELDS_BULK, row!));
  const rows = await req.backend.queryJobs(null, ["id"]);
  const ids = rows.filter(Boolean).map((row) => Number(row![0])).sort((a, b) => a - b);
  return ids.map((id) => ({ id, uri: `/2/jobs/${id}` }));
}

/** The job id from the path, or null when it is too large to be one (the path only admits digits). */
function jobId(req: RapiRequest): number | null {
  const id = Number(req.items[0]);
  return Number.isSafeInteger(id) ? id : null;
}

async function getJob(req: RapiRequest) {
  const id = jobId(req);
  if (id === null) throw notFound();
  const [row] = await req.backend.queryJobs([id], J_FIELDS);
  if (!row) throw notFound();
  return mapFields(J_FIELDS, row);
}

const waitBody = z
  .object({
    fields: z.array(z.string(), { message: "The 'fields' parameter should be a list of field names" }),
    previous_job_info: z.array(z.unknown(), { message: "The 'previous_job_info' parameter should be a list" }).nullable().default(null),
    previous_log_serial: z.number({ message: "The 'previous_log_serial' parameter should be a number" }).int().nullable().default(null),
  })
  .strict();

async function waitForJob(req: RapiRequest) {
  if (!isPlainObject(req.body)) throw badRequest(`Body contents: Type is '${jsonTypeName(req.body)}', but 'dict' is expected`);
  if (!("fields" in req.body)) throw badRequest("Required parameter 'fields' is missing");
  const body = parseBody(waitBody, req.body, "Body contents");
  const id = jobId(req);
  if (id === null) throw notFound();
  const result = await req.backend.waitForJobChange(id, body.fields, body.previous_job_info, body.previous_log_serial, req.waitTimeoutSeconds);
  if (result === "nochange") return null;
  const [jobInfo, logEntries] = result;
  return { job_info: jobInfo, log_entries: logEntries };
}

/** Ganeti's CancelJob answers [false, reason] for a job it does not have, with 200. */
function cancelJob(req: RapiRequest) {
  const id = jobId(req);
  if (id === null) return [false, `Job ${req.items[0]} not found`];
  return req.backend.cancelJob(id, submitterOf(req));
}

export const JOB_RESOURCES: Resource[] = [
  { path: "/2/jobs", name: "jobs", GET: listJobs },
  { path: "/2/jobs/{id}", name: "jobs_id", GET: getJob, DELETE: cancelJob },
  { path: "/2/jobs/{id}/wait", name: "jobs_id_wait", GET: waitForJob, access: { GET: ["write"] } },
];
