// QueryClusterInfo (gnt-cluster info, /2/info): the cluster's settings with Ganeti's keys.
import type { ConfigStore } from "../config/config-store";
import { BEPARAM_DEFAULTS, HVPARAM_DEFAULTS, NDPARAM_DEFAULTS, NICPARAM_DEFAULTS } from "../objects/defaults";
import { CONFIG_VERSION } from "../objects/types";

export const SOFTWARE_VERSION = "3.0.2-gantry";
export const PROTOCOL_VERSION = 3000000;

export function clusterInfo(config: ConfigStore): Record<string, unknown> {
  const c = config.cluster;
  const hvparams: Record<string, unknown> = {};
  for (const hv of Object.keys(HVPARAM_DEFAULTS)) hvparams[hv] = { ...HVPARAM_DEFAULTS[hv], ...c.hvparams[hv] };
  return {
    name: c.cluster_name,
    uuid: c.uuid,
    master: config.masterNode().name,
    architecture: [process.arch === "x64" ? "64bit" : process.arch, process.arch === "x64" ? "x86_64" : process.arch],
    software_version: SOFTWARE_VERSION,
    protocol_version: PROTOCOL_VERSION,
    config_version: CONFIG_VERSION,
    os_api_version: 20,
    export_version: 0,
    vcs_version: "gantry",
    default_hypervisor: c.enabled_hypervisors[0],
    enabled_hypervisors: c.enabled_hypervisors,
    hvparams,
    os_hvp: c.os_hvp,
    beparams: { default: { ...BEPARAM_DEFAULTS, ...c.beparams.default } },
    osparams: c.osparams,
    nicparams: { default: { ...NICPARAM_DEFAULTS, ...c.nicparams.default } },
    ndparams: { ...NDPARAM_DEFAULTS, ...c.ndparams },
    diskparams: c.diskparams,
    ipolicy: c.ipolicy,
    candidate_pool_size: c.candidate_pool_size,
    master_netdev: c.master_netdev,
    master_netmask: c.master_netmask,
    use_external_mip_script: false,
    volume_group_name: c.volume_group_name,
    drbd_usermode_helper: c.drbd_usermode_helper,
    file_storage_dir: c.file_storage_dir,
    shared_file_storage_dir: c.shared_file_storage_dir,
    gluster_storage_dir: "",
    maintain_node_health: c.maintain_node_health,
    ctime: c.ctime,
    mtime: c.mtime,
    tags: c.tags,
    uid_pool: c.uid_pool,
    default_iallocator: c.default_iallocator,
    default_iallocator_params: {},
    reserved_lvs: c.reserved_lvs,
    primary_ip_version: c.primary_ip_family === 10 ? 6 : 4,
    prealloc_wipe_disks: c.prealloc_wipe_disks,
    hidden_os: c.hidden_os,
    blacklisted_os: c.blacklisted_os,
    enabled_disk_templates: c.enabled_disk_templates,
    enabled_user_shutdown: c.enabled_user_shutdown,
    max_running_jobs: c.max_running_jobs,
    max_tracked_jobs: c.max_tracked_jobs,
    mac_prefix: c.mac_prefix,
    install_image: "",
    instance_communication_network: "",
    zeroing_image: "",
    compression_tools: ["gzip", "gzip-fast", "gzip-slow"],
    modify_etc_hosts: false,
    modify_ssh_setup: false,
    ssh_key_type: "rsa",
    ssh_key_bits: 2048,
    serial_no: c.serial_no,
  };
}
