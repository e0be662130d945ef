// Test support: bad input particular to one route — request versions, renamed keys given twice, roles, legacy query
// forms, query filters — and values of the right JSON type that are still wrong (negative sizes, empty or very long
// names, huge numbers, objects that do not exist). Ganeti checks some of these when the job is submitted (400) and
// the rest when it runs (a failed job); either way nothing may change.
import type { BadInputCase } from "./bad-input-cases";
import { EXISTING, NEW_INSTANCE } from "./route-contracts";

const I = `/2/instances/${EXISTING.instance}`;
const N = `/2/nodes/${EXISTING.node}`;
/** An instance that is down, so that renaming it is refused for its new name only. */
const S = `/2/instances/${EXISTING.stoppedInstance}`;
const G = `/2/groups/${EXISTING.group}`;
const LONG_NAME = `${"x".repeat(300)}.example.org`;
const DEEP_FILTER = `${'["!",'.repeat(20_000)}["?","name"]${"]".repeat(20_000)}`;

const newInstance = { ...NEW_INSTANCE, instance_name: "new2.example.org" };

type Spec = [method: string, path: string, body: unknown, names: RegExp, how?: "400" | "job" | number];

/** "400": refused at submission; "job": a failed job is fine too (Ganeti checks it when the job runs). */
const SPECS: Spec[] = [
  // Instance creation (request format version 1).
  ["POST", "/2/instances", { ...newInstance, __version__: undefined }, /version 0 is no longer supported/],
  ["POST", "/2/instances", { ...newInstance, __version__: 2 }, /version 2/],
  ["POST", "/2/instances", { ...newInstance, __version__: "1" }, /version/],
  ["POST", "/2/instances", { ...newInstance, name: "new3.example.org" }, /'name' was renamed to 'instance_name'/],
  ["POST", "/2/instances", { ...newInstance, os: "noop" }, /'os' was renamed to 'os_type'/],
  ["POST", "/2/instances", { ...newInstance, disks: [{ size: -1 }] }, /disks/],
  ["POST", "/2/instances", { ...newInstance, disks: [{ size: 0 }] }, /disks|size/],
  ["POST", "/2/instances", { ...newInstance, disks: [{ size: "abc" }] }, /size|abc/, "job"],
  ["POST", "/2/instances", { ...newInstance, disks: [{ size: 1e300 }] }, /disks/],
  ["POST", "/2/instances", { ...newInstance, disks: [{ size: 1024, mode: "rx" }] }, /disks|mode/],
  ["POST", "/2/instances", { ...newInstance, disks: [{ size: 1024, bogus: 1 }] }, /bogus|disks/],
  ["POST", "/2/instances", { ...newInstance, nics: [{ mac: "zz:zz" }] }, /MAC|zz:zz/, "job"],
  ["POST", "/2/instances", { ...newInstance, nics: [{ bogus: 1 }] }, /bogus|nics/],
  ["POST", "/2/instances", { ...newInstance, beparams: { maxmem: -1 } }, /maxmem|memory/, "job"],
  ["POST", "/2/instances", { ...newInstance, beparams: { vcpus: -1 } }, /vcpus/, "job"],
  ["POST", "/2/instances", { ...newInstance, beparams: { bogus: 1 } }, /bogus/, "job"],
  ["POST", "/2/instances", { ...newInstance, hvparams: { bogus: 1 } }, /bogus/, "job"],
  ["POST", "/2/instances", { ...newInstance, pnode: "" }, /pnode/],
  ["POST", "/2/instances", { ...newInstance, pnode: "nosuch.example.org" }, /nosuch/, "job"],
  ["POST", "/2/instances", { ...newInstance, os_type: "" }, /os_type/],
  ["POST", "/2/instances", { ...newInstance, os_type: "nosuch-os" }, /nosuch-os/, "job"],
  ["POST", "/2/instances", { ...newInstance, instance_name: "a b" }, /a b/, "job"],
  ["POST", "/2/instances", { ...newInstance, instance_name: LONG_NAME }, /xxxxxxxxxx/, "job"],
  ["POST", "/2/instances", { ...newInstance, instance_name: EXISTING.instance }, /already/, "job"],
  ["POST", "/2/instances", { ...newInstance, disk_template: "drbd" }, /snode|secondary|mirror node/, "job"],
  ["POST", "/2/instances", { ...newInstance, hypervisor: "xen-pvm" }, /hypervisor/],
  ["POST", "/2/instances", { ...newInstance, tags: ["a b"] }, /a b|tag/, "job"],
  ["POST", "/2/instances", { ...newInstance, tags: [""] }, /tags/],
  ["POST", "/2/instances", { ...newInstance, source_handshake: "abc" }, /source_handshake/],
  // Cluster parameters.
  ["PUT", "/2/modify", { compression_tools: ["gzip"] }, /compression_tools cannot be set via RAPI/, 403],
  ["PUT", "/2/modify", { beparams: { maxmem: -1 } }, /maxmem/, "job"],
  ["PUT", "/2/modify", { beparams: { vcpus: -1 } }, /vcpus/, "job"],
  ["PUT", "/2/modify", { reserved_lvs: [""] }, /reserved_lvs/],
  ["PUT", "/2/modify", { hidden_os: [["add", ""]] }, /hidden_os/],
  ["PUT", "/2/modify", { blacklisted_os: [["remove", ""]] }, /blacklisted_os/],
  ["PUT", "/2/modify", { hidden_os: [["bogus", "noop"]] }, /hidden_os/],
  ["PUT", "/2/modify", { mac_prefix: "" }, /mac_prefix/],
  ["PUT", "/2/modify", { mac_prefix: "zz:zz:zz" }, /MAC|zz:zz:zz/, "job"],
  ["PUT", "/2/modify", { candidate_pool_size: 0 }, /candidate/, "job"],
  ["PUT", "/2/modify", { candidate_pool_size: -1 }, /candidate/, "job"],
  ["PUT", "/2/modify", { max_running_jobs: 0 }, /max_running_jobs/, "job"],
  ["PUT", "/2/modify", { master_netmask: -1 }, /netmask/, "job"],
  ["PUT", "/2/modify", { master_netmask: 99 }, /netmask/, "job"],
  ["PUT", "/2/modify", { uid_pool: [[5, 1]] }, /user-id range|uid_pool/, "job"],
  ["PUT", "/2/modify", { enabled_hypervisors: ["bogus"] }, /hypervisor|bogus/, "job"],
  ["PUT", "/2/modify", { enabled_disk_templates: ["bogus"] }, /disk template|bogus/, "job"],
  ["PUT", "/2/modify", { nicparams: { mode: "bogus" } }, /mode|bogus/, "job"],
  ["PUT", "/2/modify", { nicparams: { bogus: 1 } }, /bogus/, "job"],
  ["PUT", "/2/modify", { ipolicy: { "vcpu-ratio": -1 } }, /vcpu-ratio/, "job"],
  ["PUT", "/2/modify", { hvparams: { kvm: { bogus: 1 } } }, /bogus/, "job"],
  ["PUT", "/2/modify", { ndparams: { spindle_count: "x" } }, /spindle_count/, "job"],
  ["PUT", "/2/modify", { default_iallocator: "nosuch-allocator" }, /nosuch-allocator/, "job"],
  // Operations on an instance.
  ["PUT", `${I}/modify`, { beparams: { maxmem: -5 } }, /memory|maxmem/, "job"],
  ["PUT", `${I}/modify`, { beparams: { minmem: -10, maxmem: -5 } }, /memory|maxmem|minmem/, "job"],
  ["PUT", `${I}/modify`, { beparams: { maxmem: 1e300 } }, /maxmem|memory/, "job"],
  ["PUT", `${I}/modify`, { beparams: { vcpus: -1 } }, /vcpus/, "job"],
  ["PUT", `${I}/modify`, { hvparams: { bogus: 1 } }, /bogus/, "job"],
  ["PUT", `${I}/modify`, { runtime_mem: 99_999_999 }, /memory/, "job"],
  ["PUT", `${I}/modify`, { disks: [["add", -1, { size: -5 }]] }, /size/, "job"],
  ["PUT", `${I}/modify`, { disks: [["add", -1, { size: 1e300 }]] }, /size/, "job"],
  ["PUT", `${I}/modify`, { disks: [["remove", 7, {}]] }, /7|disk/, "job"],
  ["PUT", `${I}/modify`, { nics: [["bogus", 0, {}]] }, /bogus/, "job"],
  ["PUT", `${I}/modify`, { pnode: "" }, /pnode/],
  ["PUT", `${I}/modify`, { os_name: "" }, /os_name/],
  ["PUT", `${I}/modify`, { custom_beparams: { vcpus: 2 }, beparams: { vcpus: 2 } }, /'custom_beparams' was renamed/],
  ["PUT", `${S}/rename`, { new_name: "a b" }, /a b/, "job"],
  ["PUT", `${S}/rename`, { new_name: LONG_NAME }, /xxxxxxxxxx/, "job"],
  ["PUT", `${S}/rename`, { new_name: EXISTING.instance }, /already|in use|exists/, "job"],
  ["PUT", `${I}/migrate`, { target_node: "nosuch.example.org" }, /nosuch/, "job"],
  ["PUT", `${I}/failover`, { target_node: "nosuch.example.org" }, /nosuch|target/, "job"],
  ["POST", `${I}/disk/0/grow`, { amount: 999_999_999 }, /space|memory|disk|free/, "job"],
  ["POST", `${I}/disk/0/grow`, { amount: -128 }, /amount/],
  ["POST", `${I}/reboot?type=sideways`, null, /reboot_type/],
  ["POST", `${I}/replace-disks`, { mode: "replace_auto", disks: "0,x" }, /Invalid disk index/],
  ["POST", `${I}/replace-disks`, { mode: "replace_auto", disks: [7] }, /7|disk/, "job"],
  ["POST", `${I}/replace-disks?mode=replace_auto&disks=a`, null, /Invalid disk index/],
  ["POST", `${I}/replace-disks?mode=bogus`, null, /mode/],
  ["POST", `${I}/reinstall?os=noop`, { os: "noop" }, /Can't combine query and body parameters/],
  ["POST", `${I}/reinstall?bogus=1`, { os: "noop" }, /Can't combine query and body parameters/],
  ["PUT", `${I}/tags?tag=a%20b`, null, /a b/, "job"],
  ["PUT", `${I}/tags?tag=${"t".repeat(200)}`, null, /too long|128/, "job"],
  ["DELETE", `${I}/tags?tag=not-there`, null, /not-there/, "job"],
  // Nodes.
  ["PUT", `${N}/role`, "master", /Can't set 'master' role/],
  ["PUT", `${N}/role`, "bogus", /Can't set 'bogus' role/],
  ["PUT", `${N}/role`, "", /Can't set '' role/],
  ["POST", `${N}/modify`, { secondary_ip: "" }, /secondary_ip/],
  ["POST", `${N}/modify`, { secondary_ip: "not-an-ip" }, /not-an-ip/, "job"],
  ["POST", `${N}/modify`, { ndparams: { bogus: 1 } }, /bogus/, "job"],
  ["POST", `${N}/modify`, { ndparams: { spindle_count: -1 } }, /spindle_count/, "job"],
  ["POST", `${N}/modify`, { master_candidate: true, offline: true }, /master_candidate|offline|one/, "job"],
  ["POST", `${N}/migrate`, { target_node: "" }, /target_node/],
  ["POST", `${N}/migrate`, { iallocator: "" }, /iallocator/],
  ["POST", `${N}/migrate`, { target_node: "nosuch.example.org" }, /nosuch/, "job"],
  ["POST", `${N}/migrate?live=1&mode=live`, null, /Only one of 'live' and 'mode'/],
  ["POST", `${N}/migrate?mode=bogus`, null, /mode/],
  ["POST", `${N}/evacuate`, { mode: "all", remote_node: "" }, /remote_node/],
  ["POST", `${N}/evacuate`, { mode: "all", remote_node: "nosuch.example.org" }, /nosuch/, "job"],
  ["GET", `${N}/storage`, undefined, /output_fields/],
  ["GET", `${N}/storage?output_fields=bogus`, undefined, /bogus/, "job"],
  ["GET", `${N}/storage?output_fields=name&storage_type=bogus`, undefined, /bogus/, "job"],
  // Groups.
  ["POST", "/2/groups", { group_name: "a b" }, /a b/, "job"],
  ["POST", "/2/groups", { group_name: LONG_NAME }, /xxxxxxxxxx/, "job"],
  ["POST", "/2/groups", { group_name: EXISTING.group }, /already exists/, "job"],
  ["POST", "/2/groups", { group_name: "group4", name: "group4" }, /'name' was renamed to 'group_name'/],
  ["PUT", `${G}/rename`, { new_name: "a/b" }, /a\/b/, "job"],
  ["PUT", `${G}/modify`, { ipolicy: { "vcpu-ratio": -1 } }, /vcpu-ratio/, "job"],
  ["PUT", `${G}/modify`, { ndparams: { bogus: 1 } }, /bogus/, "job"],
  ["PUT", `${G}/modify`, { alloc_policy: "bogus" }, /alloc_policy/],
  ["PUT", `${G}/assign-nodes`, { nodes: ["nosuch.example.org"] }, /nosuch/, "job"],
  ["PUT", `${G}/assign-nodes`, { nodes: [] }, /nodes/],
  // Jobs.
  ["GET", "/2/jobs/1/wait", {}, /Required parameter 'fields' is missing/],
  ["GET", "/2/jobs/1/wait", { fields: "status" }, /fields/],
  ["GET", "/2/jobs/1/wait", { fields: ["status"], previous_job_info: { a: 1 } }, /previous_job_info/],
  // Queries and their filters.
  ["GET", "/2/query/instance", undefined, /fields/],
  ["GET", "/2/query/instance?fields=", undefined, /fields/],
  ["PUT", "/2/query/nosuch", { fields: ["name"] }, /nosuch/],
  ["PUT", "/2/query/instance", { fields: ["name"], qfilter: ["&", 5] }, /filter/],
  ["PUT", "/2/query/instance", { fields: ["name"], qfilter: ["|", "name"] }, /filter/],
  ["PUT", "/2/query/instance", { fields: ["name"], qfilter: ["!"] }, /filter/],
  ["PUT", "/2/query/instance", { fields: ["name"], qfilter: ["!", 5] }, /filter/],
  ["PUT", "/2/query/instance", { fields: ["name"], qfilter: ["?"] }, /filter/],
  ["PUT", "/2/query/instance", { fields: ["name"], qfilter: ["?", 5] }, /filter/],
  ["PUT", "/2/query/instance", { fields: ["name"], qfilter: ["=", "name"] }, /filter/],
  ["PUT", "/2/query/instance", { fields: ["name"], qfilter: ["=", 5, "x"] }, /filter/],
  ["PUT", "/2/query/instance", { fields: ["name"], qfilter: ["=", "name", { a: 1 }] }, /filter/],
  ["PUT", "/2/query/instance", { fields: ["name"], qfilter: ["=", "name", "x", "y"] }, /filter/],
  ["PUT", "/2/query/instance", { fields: ["name"], qfilter: [["=", "name", "x"]] }, /filter/],
  ["PUT", "/2/query/instance", { fields: ["name"], qfilter: ["bogus-op", "name", "x"] }, /bogus-op/],
  ["PUT", "/2/query/instance", { fields: ["name"], qfilter: ["=", "bogus", "x"] }, /bogus/],
  ["PUT", "/2/query/instance", { fields: ["name"], qfilter: ["=~", "name", "("] }, /regular expression/],
  ["PUT", "/2/query/instance", { fields: ["name"], qfilter: "name" }, /filter/],
];

export function routeSpecificCases(): BadInputCase[] {
  const cases: BadInputCase[] = SPECS.map(([method, path, body, names, how = "400"]) => ({
    title: `${method} ${path.length > 90 ? `${path.slice(0, 90)}…` : path} ${body === undefined ? "" : JSON.stringify(body).slice(0, 90)}`,
    call: { method, path, ...(body === undefined || body === null ? {} : { body }) },
    names,
    ...(how === "job" ? { jobMayFail: true } : typeof how === "number" ? { status: how } : { status: 400 }),
  }));
  cases.push({
    title: "PUT /2/query/instance with a filter nested 20000 levels deep",
    call: { method: "PUT", path: "/2/query/instance", rawBody: `{"fields": ["name"], "qfilter": ${DEEP_FILTER}}` },
    status: 400,
    names: /nested|deep|filter|Unable to parse/,
  });
  cases.push({
    title: "GET /2/instances/<20000 characters>: a name longer than the request line may be",
    call: { method: "GET", path: `/2/instances/${"x".repeat(20_000)}` },
    names: /long|large/i,
  });
  cases.push({
    title: "PUT /2/instances/…/shutdown with timeout 1e400 (Infinity once parsed)",
    call: { method: "PUT", path: `${I}/shutdown`, rawBody: '{"timeout": 1e400}' },
    status: 400,
    names: /timeout/,
  });
  cases.push({
    title: "PUT /2/modify with beparams.maxmem 1e400 (Infinity once parsed)",
    call: { method: "PUT", path: "/2/modify", rawBody: '{"beparams": {"maxmem": 1e400}}' },
    jobMayFail: true,
    names: /maxmem/,
  });
  return cases;
}
