// The cluster's resources: /, /2, /version, /2/info, /2/features, /2/os, /2/modify, /2/redistribute-config and the
// cluster's tags (lib/rapi/rlib2.py R_root … R_2_cluster_modify).
import { isFinal, type JobStatus } from "../../../jobs/job";
import { RapiHttpError } from "../http-errors";
import { fillOpcode, submitOpcode } from "../opcode-body";
import { submit, useBulk, type RapiRequest } from "../request";
import type { Resource } from "../routes";
import { tagsResource } from "./tags";

export const RAPI_VERSION = 2;
export const FEATURES = ["instance-create-reqv1", "node-evac-res1", "node-migrate-reqv1", "instance-reinstall-reqv1"];

/** /2/info's keys in Ganeti 3.0.2's order; keys the core does not keep get Ganeti's value for an unused feature. */
const INFO_KEYS: Array<[string, unknown]> = [
  ["software_version", ""], ["protocol_version", 0], ["config_version", 0], ["os_api_version", 20], ["export_version", 0],
  ["vcs_version", ""], ["architecture", []], ["name", ""], ["master", ""], ["default_hypervisor", ""], ["enabled_hypervisors", []],
  ["hvparams", {}], ["os_hvp", {}], ["beparams", {}], ["osparams", {}], ["ipolicy", {}], ["nicparams", {}], ["ndparams", {}],
  ["diskparams", {}], ["candidate_pool_size", 10], ["max_running_jobs", 20], ["max_tracked_jobs", 25], ["mac_prefix", ""],
  ["master_netdev", ""], ["master_netmask", 32], ["use_external_mip_script", false], ["volume_group_name", null],
  ["drbd_usermode_helper", null], ["file_storage_dir", ""], ["shared_file_storage_dir", ""], ["gluster_storage_dir", ""],
  ["maintain_node_health", false], ["ctime", null], ["mtime", null], ["uuid", ""], ["tags", []], ["uid_pool", []],
  ["default_iallocator", ""], ["default_iallocator_params", {}], ["reserved_lvs", []], ["primary_ip_version", 4],
  ["prealloc_wipe_disks", false], ["hidden_os", []], ["blacklisted_os", []], ["enabled_disk_templates", []], ["install_image", ""],
  ["instance_communication_network", ""], ["zeroing_image", ""], ["compression_tools", []], ["enabled_user_shutdown", false],
  ["enabled_data_collectors", {}], ["data_collector_interval", {}], ["modify_ssh_setup", false], ["ssh_key_type", "rsa"],
  ["ssh_key_bits", 2048],
];

export async function clusterInfoBody(req: RapiRequest): Promise<Record<string, unknown>> {
  const info = await req.backend.clusterInfo();
  const body: Record<string, unknown> = {};
  for (const [key, fallback] of INFO_KEYS) body[key] = key in info ? info[key] : fallback;
  // Ganeti's GET_ALIASES of R_2_info.
  body.vg_name = body.volume_group_name;
  body.drbd_helper = body.drbd_usermode_helper;
  return body;
}

/** Waits for a job RAPI submitted itself (the OS list) to end; its status and results. */
async function pollJob(req: RapiRequest, id: number, limitMs = 120_000): Promise<{ status: JobStatus; opresult: unknown[] }> {
  const deadline = Date.now() + limitMs;
  let previous: unknown[] | null = null;
  for (;;) {
    const [row] = await req.backend.queryJobs([id], ["status", "opresult"]);
    if (!row) throw new RapiHttpError(502, `Job ${id} disappeared`);
    const [status, opresult] = row as [JobStatus, unknown[]];
    if (isFinal(status)) return { status, opresult };
    if (Date.now() > deadline) throw new RapiHttpError(504, `Job ${id} did not finish in time`);
    const change = await req.backend.waitForJobChange(id, ["status"], previous, null, 10);
    if (change !== "nochange") previous = change[0];
  }
}

type OsEntry = { name: string; variants: string[]; [key: string]: unknown };

function osEntries(result: unknown): OsEntry[] {
  if (!Array.isArray(result)) throw new RapiHttpError(502, "Can't get OS list");
  return result.map((row) => {
    if (Array.isArray(row)) return { name: String(row[0]), variants: (row[1] as string[]) ?? [] };
    if (row && typeof row === "object" && typeof (row as OsEntry).name === "string") return row as OsEntry;
    throw new RapiHttpError(502, "Can't get OS list");
  });
}

async function osList(req: RapiRequest): Promise<unknown> {
  // Read before the job is submitted: a bad ?bulk= must not leave a job behind.
  const bulk = useBulk(req);
  const id = await submit(req, [fillOpcode(req, "OP_OS_DIAGNOSE", {}, { statics: { output_fields: ["name", "variants"], names: [] } })]);
  const { status, opresult } = await pollJob(req, id);
  if (status !== "success") throw new RapiHttpError(502, `Can't get OS list: job ${id} ${status}`);
  const entries = osEntries(opresult[0]);
  if (bulk) {
    return entries.map((os) => ({
      name: os.name,
      valid: os.valid ?? true,
      variants: os.variants,
      parameters: ((os.parameters as Array<[string, string]> | undefined) ?? []).map(([name, description]) => ({ name, description })),
      api_versions: os.api_versions ?? [],
      blacklisted: os.blacklisted ?? false,
      hidden: os.hidden ?? false,
      trusted: os.trusted ?? true,
    }));
  }
  // Ganeti's cli.CalculateOSNames: "name+variant" for each variant, or the bare name.
  return entries.flatMap((os) => (os.variants.length ? os.variants.map((v) => `${os.name}+${v}`) : [os.name]));
}

export const CLUSTER_RESOURCES: Resource[] = [
  { path: "/", name: "root", GET: () => null },
  { path: "/2", name: "2", GET: () => null },
  { path: "/version", name: "version", GET: () => RAPI_VERSION },
  { path: "/2/info", name: "info", GET: clusterInfoBody },
  { path: "/2/features", name: "features", GET: () => [...FEATURES] },
  { path: "/2/os", name: "os", GET: osList },
  { path: "/2/redistribute-config", name: "redist_config", PUT: (req) => submitOpcode(req, "OP_CLUSTER_REDIST_CONF") },
  {
    path: "/2/modify",
    name: "cluster_modify",
    PUT: (req) => {
      if (req.body && typeof req.body === "object" && "compression_tools" in req.body) {
        throw new RapiHttpError(403, "The parameter compression_tools cannot be set via RAPI");
      }
      return submitOpcode(req, "OP_CLUSTER_SET_PARAMS");
    },
  },
  tagsResource("/2/tags", "tags", "cluster"),
];
