// gnt-cluster info's text, laid out as Ganeti prints it (indented "key: value" lines).
const yesNo = (v: unknown) => (typeof v === "boolean" ? (v ? "True" : "False") : v === null || v === undefined || v === "" ? "(none)" : String(v));

function block(value: unknown, indent: number): string[] {
  const pad = " ".repeat(indent);
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.keys(value as object)
      .sort()
      .flatMap((key) => {
        const v = (value as Record<string, unknown>)[key];
        return v && typeof v === "object" && !Array.isArray(v) ? [`${pad}${key}:`, ...block(v, indent + 2)] : [`${pad}${key}: ${Array.isArray(v) ? v.join(", ") || "(none)" : yesNo(v)}`];
      });
  }
  return [`${pad}${yesNo(value)}`];
}

export function formatClusterInfo(info: Record<string, unknown>): string {
  const ts = (v: unknown) => new Date(Number(v) * 1000).toISOString().replace("T", " ").replace(/\.\d+Z$/, "");
  const ipolicy = info.ipolicy as Record<string, unknown>;
  const lines = [
    `Cluster name: ${info.name}`,
    `Cluster UUID: ${info.uuid}`,
    `Creation time: ${ts(info.ctime)}`,
    `Modification time: ${ts(info.mtime)}`,
    `Master node: ${info.master}`,
    `Architecture (this node): ${(info.architecture as string[]).join(" (")})`,
    `Tags: ${(info.tags as string[]).length ? (info.tags as string[]).join(", ") : "(none)"}`,
    `Default hypervisor: ${info.default_hypervisor}`,
    `Enabled hypervisors: ${(info.enabled_hypervisors as string[]).join(", ")}`,
    "Hypervisor parameters:",
    ...block(Object.fromEntries(Object.entries(info.hvparams as object).filter(([hv]) => (info.enabled_hypervisors as string[]).includes(hv))), 2),
    "OS-specific hypervisor parameters:",
    ...block(info.os_hvp, 2),
    "OS parameters:",
    ...block(info.osparams, 2),
    `Hidden OSes: ${(info.hidden_os as string[]).join(", ")}`,
    `Blacklisted OSes: ${(info.blacklisted_os as string[]).join(", ")}`,
    "Cluster parameters:",
    `  candidate pool size: ${info.candidate_pool_size}`,
    `  maximal number of jobs running simultaneously: ${info.max_running_jobs}`,
    `  master netdev: ${info.master_netdev}`,
    `  master netmask: ${info.master_netmask}`,
    `  lvm volume group: ${info.volume_group_name}`,
    `  drbd usermode helper: ${info.drbd_usermode_helper}`,
    `  file storage path: ${info.file_storage_dir}`,
    `  shared file storage path: ${info.shared_file_storage_dir}`,
    `  maintenance of node health: ${yesNo(info.maintain_node_health)}`,
    `  uid pool: ${(info.uid_pool as unknown[]).length ? JSON.stringify(info.uid_pool) : ""}`,
    `  default instance allocator: ${info.default_iallocator}`,
    `  primary ip version: ${info.primary_ip_version}`,
    `  preallocation wipe disks: ${yesNo(info.prealloc_wipe_disks)}`,
    `  OS search path: (none)`,
    `  ExtStorage Providers search path: (none)`,
    `  enabled disk templates: ${(info.enabled_disk_templates as string[]).join(", ")}`,
    `  enabled user shutdown: ${yesNo(info.enabled_user_shutdown)}`,
    `  MAC prefix: ${info.mac_prefix}`,
    "Default node parameters:",
    ...block(info.ndparams, 2),
    "Default instance parameters:",
    ...block(info.beparams, 2),
    "Default nic parameters:",
    ...block(info.nicparams, 2),
    "Default disk parameters:",
    ...block(info.diskparams, 2),
    "Instance policy - limits for instances:",
    "  bounds specs:",
    ...(ipolicy.minmax as Array<{ min: object; max: object }>).flatMap((pair, i) => [
      `    - max/${i}:`,
      ...block(pair.max, 8),
      `      min/${i}:`,
      ...block(pair.min, 8),
    ]),
    "  std:",
    ...block(ipolicy.std, 4),
    `  allowed disk templates: ${(ipolicy["disk-templates"] as string[]).join(", ")}`,
    `  vcpu-ratio: ${ipolicy["vcpu-ratio"]}`,
    `  spindle-ratio: ${ipolicy["spindle-ratio"]}`,
  ];
  return lines.join("\n");
}
