// Ganeti RAPI v2 client, modelled on Ganeti's own Python client (lib/rapi/client.py): the same resources, query
// arguments and bodies, with typed answers checked by zod. Write methods return the job id; waitForJob follows it.
import { z } from "zod";
import { defined, jobSegment, segment, tagQuery, tagsPath, writeQuery } from "./client-paths";
import { RapiConfigError, RapiNotFoundError } from "./errors";
import { waitForJob, type WaitForJobOptions } from "./jobs";
import { resolveOptions, type RapiClientOptions } from "./options";
import type {
  CreateInstanceRequest,
  DeleteInstanceOptions,
  EvacuateOptions,
  FailoverOptions,
  GrowDiskOptions,
  MigrateNodeOptions,
  NodeRole,
  ReinstallOptions,
  RenameOptions,
  ReplaceDisksOptions,
  MigrateOptions,
  ModifyInstanceRequest,
  QueryFilter,
  QueryResource,
  RebootOptions,
  ShutdownOptions,
  StartupOptions,
  TagTarget,
  WriteOptions,
} from "./requests";
import { RapiTransport, type RapiCall } from "./transport";
import {
  ClusterInfoSchema,
  expectShape,
  GroupSchema,
  GroupStubSchema,
  InstanceConsoleSchema,
  InstanceSchema,
  JobChangeSchema,
  JobIdSchema,
  JobSchema,
  JobStubSchema,
  NetworkSchema,
  NodeSchema,
  QueryResultSchema,
  StubSchema,
  type ClusterInfo,
  type InstanceConsole,
  type JobChange,
  type QueryResult,
  type RapiGroup,
  type RapiInstance,
  type RapiJob,
  type RapiNetwork,
  type RapiNode,
} from "./types";

/** Ganeti's /wait blocks up to 10 s before answering null; allow that on top of the per-request timeout. */
const LONG_POLL_MS = 10_000;

const strings = z.array(z.string());

export class RapiClient {
  private readonly transport: RapiTransport;
  private readonly timeoutMs: number;

  constructor(options: RapiClientOptions) {
    const resolved = resolveOptions(options);
    this.transport = new RapiTransport(resolved);
    this.timeoutMs = resolved.timeoutMs;
  }

  /** The base URL requests go to, e.g. https://cluster.example.org:5080. */
  get url(): string {
    return this.transport.baseUrl.href.replace(/\/$/, "");
  }

  /** Closes kept-alive connections. */
  close(): void {
    this.transport.close();
  }

  // --- cluster ---------------------------------------------------------------------------------------------------

  async getVersion(): Promise<number> {
    return this.get(z.number().int(), "/version");
  }

  /** Optional features (e.g. instance-create-reqv1); [] from servers older than the resource, as Ganeti's client does. */
  async getFeatures(): Promise<string[]> {
    try {
      return await this.get(strings, "/2/features");
    } catch (error) {
      if (error instanceof RapiNotFoundError) return [];
      throw error;
    }
  }

  async getInfo(): Promise<ClusterInfo> {
    return this.get(ClusterInfoSchema, "/2/info");
  }

  /** OS names with variants ("debootstrap+default"). */
  async getOperatingSystems(): Promise<string[]> {
    return this.get(strings, "/2/os");
  }

  // --- nodes and groups -------------------------------------------------------------------------------------------

  getNodes(options?: { bulk?: false }): Promise<string[]>;
  getNodes(options: { bulk: true }): Promise<RapiNode[]>;
  async getNodes(options: { bulk?: boolean } = {}): Promise<string[] | RapiNode[]> {
    if (options.bulk) return this.get(z.array(NodeSchema), "/2/nodes", [["bulk", 1]]);
    return (await this.get(z.array(StubSchema), "/2/nodes")).map((n) => n.id);
  }

  async getNode(name: string): Promise<RapiNode> {
    return this.get(NodeSchema, `/2/nodes/${segment(name, "node")}`);
  }

  getGroups(options?: { bulk?: false }): Promise<string[]>;
  getGroups(options: { bulk: true }): Promise<RapiGroup[]>;
  async getGroups(options: { bulk?: boolean } = {}): Promise<string[] | RapiGroup[]> {
    if (options.bulk) return this.get(z.array(GroupSchema), "/2/groups", [["bulk", 1]]);
    return (await this.get(z.array(GroupStubSchema), "/2/groups")).map((g) => g.name);
  }

  async getGroup(name: string): Promise<RapiGroup> {
    return this.get(GroupSchema, `/2/groups/${segment(name, "group")}`);
  }

  /** The cluster's networks (subnets NICs can join); [] from servers older than networks (Ganeti < 2.7). */
  getNetworks(options?: { bulk?: false }): Promise<string[]>;
  getNetworks(options: { bulk: true }): Promise<RapiNetwork[]>;
  async getNetworks(options: { bulk?: boolean } = {}): Promise<string[] | RapiNetwork[]> {
    try {
      if (options.bulk) return await this.get(z.array(NetworkSchema), "/2/networks", [["bulk", 1]]);
      return (await this.get(z.array(GroupStubSchema), "/2/networks")).map((n) => n.name);
    } catch (error) {
      if (error instanceof RapiNotFoundError) return [];
      throw error;
    }
  }

  // --- instances --------------------------------------------------------------------------------------------------

  getInstances(options?: { bulk?: false }): Promise<string[]>;
  getInstances(options: { bulk: true }): Promise<RapiInstance[]>;
  async getInstances(options: { bulk?: boolean } = {}): Promise<string[] | RapiInstance[]> {
    if (options.bulk) return this.get(z.array(InstanceSchema), "/2/instances", [["bulk", 1]]);
    return (await this.get(z.array(StubSchema), "/2/instances")).map((i) => i.id);
  }

  async getInstance(name: string): Promise<RapiInstance> {
    return this.get(InstanceSchema, `/2/instances/${segment(name, "instance")}`);
  }

  /** How to reach the console of a running instance (GET /2/instances/[name]/console, answered at once; a user with
   * read or write access; 503 when the instance is not running). */
  async getInstanceConsole(name: string): Promise<InstanceConsole> {
    return this.get(InstanceConsoleSchema, `/2/instances/${segment(name, "instance")}/console`);
  }

  /** Submits a job gathering live details (disks, console…); its opresult holds them. static: configuration only. */
  async getInstanceInfo(name: string, options: { static?: boolean } = {}): Promise<number> {
    return this.job({ method: "GET", path: `/2/instances/${segment(name, "instance")}/info`, query: [["static", options.static]] });
  }

  async createInstance(request: CreateInstanceRequest, options: WriteOptions = {}): Promise<number> {
    if (!request.instance_name) throw new RapiConfigError("createInstance needs instance_name");
    if ("__version__" in request) throw new RapiConfigError("createInstance adds __version__ itself; leave it out of the request");
    const body = { __version__: 1, mode: "create", ...request };
    return this.job({ method: "POST", path: "/2/instances", query: writeQuery(options), body });
  }

  async deleteInstance(name: string, options: DeleteInstanceOptions = {}): Promise<number> {
    const body = options.shutdownTimeout === undefined ? undefined : { shutdown_timeout: options.shutdownTimeout };
    return this.job({ method: "DELETE", path: `/2/instances/${segment(name, "instance")}`, query: writeQuery(options), body });
  }

  async shutdownInstance(name: string, options: ShutdownOptions = {}): Promise<number> {
    const body = options.shutdownTimeout === undefined ? undefined : { timeout: options.shutdownTimeout };
    const query = [...writeQuery(options), ["no_remember", options.noRemember || undefined]] satisfies RapiCall["query"];
    return this.job({ method: "PUT", path: `/2/instances/${segment(name, "instance")}/shutdown`, query, body });
  }

  async startupInstance(name: string, options: StartupOptions = {}): Promise<number> {
    const query = [...writeQuery(options), ["force", options.force || undefined], ["no_remember", options.noRemember || undefined]] satisfies RapiCall["query"];
    return this.job({ method: "PUT", path: `/2/instances/${segment(name, "instance")}/startup`, query });
  }

  async rebootInstance(name: string, options: RebootOptions = {}): Promise<number> {
    const query = [...writeQuery(options), ["type", options.type], ["ignore_secondaries", options.ignoreSecondaries]] satisfies RapiCall["query"];
    const body = options.shutdownTimeout === undefined ? undefined : { shutdown_timeout: options.shutdownTimeout };
    return this.job({ method: "POST", path: `/2/instances/${segment(name, "instance")}/reboot`, query, body });
  }

  async modifyInstance(name: string, changes: ModifyInstanceRequest, options: Pick<WriteOptions, "reason"> = {}): Promise<number> {
    if (!Object.keys(changes).length) throw new RapiConfigError(`modifyInstance(${name}) was given nothing to change`);
    return this.job({ method: "PUT", path: `/2/instances/${segment(name, "instance")}/modify`, query: writeQuery(options), body: changes });
  }

  async migrateInstance(name: string, options: MigrateOptions = {}): Promise<number> {
    const body = defined({
      mode: options.mode,
      cleanup: options.cleanup,
      target_node: options.targetNode,
      iallocator: options.iallocator,
      allow_failover: options.allowFailover,
      depends: options.depends,
    });
    return this.job({ method: "PUT", path: `/2/instances/${segment(name, "instance")}/migrate`, query: writeQuery(options), body });
  }

  async failoverInstance(name: string, options: FailoverOptions = {}): Promise<number> {
    const body = defined({
      iallocator: options.iallocator,
      ignore_consistency: options.ignoreConsistency,
      target_node: options.targetNode,
      shutdown_timeout: options.shutdownTimeout,
      depends: options.depends,
    });
    return this.job({ method: "PUT", path: `/2/instances/${segment(name, "instance")}/failover`, query: writeQuery(options), body });
  }

  async renameInstance(name: string, newName: string, options: RenameOptions = {}): Promise<number> {
    if (typeof newName !== "string" || !newName.trim()) throw new RapiConfigError(`renameInstance(${name}) needs the new name`);
    const body = defined({ new_name: newName, ip_check: options.ipCheck, name_check: options.nameCheck });
    return this.job({ method: "PUT", path: `/2/instances/${segment(name, "instance")}/rename`, query: writeQuery(options), body });
  }

  /** Reinstalls the OS (request version 1 body, as Ganeti's client sends to servers with instance-reinstall-reqv1). */
  async reinstallInstance(name: string, options: ReinstallOptions = {}): Promise<number> {
    const body = defined({ os: options.os, start: options.start ?? true, osparams: options.osparams });
    return this.job({ method: "POST", path: `/2/instances/${segment(name, "instance")}/reinstall`, query: writeQuery(options), body });
  }

  /** Grows disk `index` by `amount` MiB. */
  async growInstanceDisk(name: string, index: number, amount: number, options: GrowDiskOptions = {}): Promise<number> {
    if (!Number.isInteger(index) || index < 0) throw new RapiConfigError(`A disk index is a non-negative integer, not ${String(index)}`);
    const body = defined({ amount, wait_for_sync: options.waitForSync });
    return this.job({ method: "POST", path: `/2/instances/${segment(name, "instance")}/disk/${index}/grow`, query: writeQuery(options), body });
  }

  async replaceInstanceDisks(name: string, options: ReplaceDisksOptions = {}): Promise<number> {
    const body = defined({ mode: options.mode ?? "replace_auto", disks: options.disks, remote_node: options.remoteNode, iallocator: options.iallocator, early_release: options.earlyRelease, depends: options.depends });
    return this.job({ method: "POST", path: `/2/instances/${segment(name, "instance")}/replace-disks`, query: writeQuery(options), body });
  }

  // --- nodes ------------------------------------------------------------------------------------------------------

  async getNodeRole(name: string): Promise<NodeRole> {
    return this.get(z.enum(["master", "master-candidate", "regular", "drained", "offline"]), `/2/nodes/${segment(name, "node")}/role`);
  }

  async setNodeRole(name: string, role: NodeRole, options: WriteOptions & { force?: boolean; autoPromote?: boolean } = {}): Promise<number> {
    const query = [...writeQuery(options), ["force", options.force || undefined], ["auto-promote", options.autoPromote]] satisfies RapiCall["query"];
    return this.job({ method: "PUT", path: `/2/nodes/${segment(name, "node")}/role`, query, body: role });
  }

  /** Moves instances off a node (request version 1 body). */
  async evacuateNode(name: string, options: EvacuateOptions = {}): Promise<number> {
    const body = defined({ mode: options.mode ?? "all", iallocator: options.iallocator, remote_node: options.remoteNode, early_release: options.earlyRelease });
    return this.job({ method: "POST", path: `/2/nodes/${segment(name, "node")}/evacuate`, query: writeQuery(options), body });
  }

  /** Migrates every primary instance of a node away (request version 1 body). */
  async migrateNode(name: string, options: MigrateNodeOptions = {}): Promise<number> {
    const body = defined({ mode: options.mode, iallocator: options.iallocator, target_node: options.targetNode });
    return this.job({ method: "POST", path: `/2/nodes/${segment(name, "node")}/migrate`, query: writeQuery(options), body });
  }

  // --- tags -------------------------------------------------------------------------------------------------------

  async getTags(target: TagTarget): Promise<string[]> {
    return this.get(strings, tagsPath(target));
  }

  async addTags(target: TagTarget, tags: string[], options: WriteOptions = {}): Promise<number> {
    return this.job({ method: "PUT", path: tagsPath(target), query: tagQuery(tags, options, "addTags") });
  }

  async deleteTags(target: TagTarget, tags: string[], options: WriteOptions = {}): Promise<number> {
    return this.job({ method: "DELETE", path: tagsPath(target), query: tagQuery(tags, options, "deleteTags") });
  }

  // --- query and jobs ---------------------------------------------------------------------------------------------

  /** Ganeti's query (PUT /2/query/[what]); needs a user with read or write access. */
  async query(what: QueryResource, fields: string[], filter?: QueryFilter | null): Promise<QueryResult> {
    return this.call(QueryResultSchema, queryCall(what, fields, filter));
  }

  /**
   * The same query's answer as its JSON text, neither parsed nor checked (splitQueryAnswer checks it and cuts it into
   * row texts): a caller that keeps the last answer sees at once whether anything changed, and parses only what did.
   */
  async queryText(what: QueryResource, fields: string[], filter?: QueryFilter | null): Promise<string> {
    return (await this.transport.request(queryCall(what, fields, filter), "text")) as string;
  }

  getJobs(options?: { bulk?: false }): Promise<number[]>;
  getJobs(options: { bulk: true }): Promise<RapiJob[]>;
  async getJobs(options: { bulk?: boolean } = {}): Promise<number[] | RapiJob[]> {
    if (options.bulk) return this.get(z.array(JobSchema), "/2/jobs", [["bulk", 1]]);
    return (await this.get(z.array(JobStubSchema), "/2/jobs")).map((j) => j.id);
  }

  /** Asks to cancel a job; the answer says whether it could be ([success, message] as Ganeti's). */
  async cancelJob(id: number, options: Pick<WriteOptions, "dryRun"> = {}): Promise<[boolean, string]> {
    return this.call(z.tuple([z.boolean(), z.string()]), { method: "DELETE", path: `/2/jobs/${jobSegment(id)}`, query: [["dry-run", options.dryRun || undefined]] });
  }

  async redistributeConfig(): Promise<number> {
    return this.job({ method: "PUT", path: "/2/redistribute-config" });
  }

  async getJobStatus(id: number): Promise<RapiJob> {
    return this.get(JobSchema, `/2/jobs/${jobSegment(id)}`);
  }

  /** One long poll: null when nothing changed within the server's wait (about 10 s), else the new values and log. */
  async waitForJobChange(id: number, fields: string[], previousJobInfo: unknown[] | null, previousLogSerial: number | null): Promise<JobChange> {
    return this.change(id, fields, previousJobInfo, previousLogSerial);
  }

  /** Resolves with the finished job; throws RapiJobFailedError when it ends in error or canceled. */
  async waitForJob(id: number, options: WaitForJobOptions = {}): Promise<RapiJob> {
    return waitForJob(
      {
        change: (jobId, fields, previous, serial, deadline) => this.change(jobId, fields, previous, serial, deadline),
        job: (jobId, deadline) => this.call(JobSchema, { method: "GET", path: `/2/jobs/${jobSegment(jobId)}`, deadline }),
      },
      id,
      options,
    );
  }

  // --- plumbing ---------------------------------------------------------------------------------------------------

  private async change(id: number, fields: string[], previous: unknown[] | null, serial: number | null, deadline?: number): Promise<JobChange> {
    const body = { fields, previous_job_info: previous, previous_log_serial: serial };
    const path = `/2/jobs/${jobSegment(id)}/wait`;
    return this.call(JobChangeSchema, { method: "GET", path, body, timeoutMs: this.timeoutMs + LONG_POLL_MS, deadline });
  }

  private async get<S extends z.ZodType>(schema: S, path: string, query?: RapiCall["query"]): Promise<z.output<S>> {
    return this.call(schema, { method: "GET", path, query });
  }

  private async job(call: RapiCall): Promise<number> {
    return this.call(JobIdSchema, call);
  }

  private async call<S extends z.ZodType>(schema: S, call: RapiCall): Promise<z.output<S>> {
    const value = await this.transport.request(call);
    return expectShape(schema, value, `${call.method} ${this.transport.urlOf(call).href}`);
  }
}

function queryCall(what: QueryResource, fields: string[], filter: QueryFilter | null | undefined): RapiCall {
  if (!fields.length) throw new RapiConfigError("query needs at least one field");
  const body = filter ? { fields, qfilter: filter } : { fields };
  return { method: "PUT", path: `/2/query/${segment(what, "query resource")}`, body };
}
