// Gantry's client for Ganeti's RAPI v2: remote Ganeti clusters and Gantry's own embedded cluster speak the same API.
export { RapiClient } from "./client";
export type { RapiClientOptions } from "./options";
export { DEFAULT_PORT, normalizeFingerprint } from "./options";
export * from "./errors";
export type * from "./requests";
export type { WaitForJobOptions } from "./jobs";
export { FINAL_JOB_STATUSES, JOB_STATUSES } from "./types";
export type { ClusterInfo, InstanceConsole, JobChange, JobStatus, LogEntry, QueryResult, RapiGroup, RapiInstance, RapiJob, RapiNetwork, RapiNode } from "./types";
export { parseQueryRow, splitQueryAnswer, type QueryRowTexts } from "./query-row-texts";
