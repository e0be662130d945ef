// OP_CLUSTER_SET_PARAMS, storage side: enabled disk templates (never disabling one in use), the volume group, the
// DRBD helper, file storage directories and the instance policy (whose templates must be enabled), with Ganeti's
// checks and messages.
import type { ConfigStore } from "../../config/config-store";
import { OpPrereqError } from "../../errors";
import { DISK_TEMPLATES, type Cluster, type DiskTemplate, type InstancePolicy } from "../../objects/types";
import { groupPolicyWith, newViolations, updatedIpolicy } from "./ipolicy-update";

const GANETI_TEMPLATES = ["diskless", "file", "sharedfile", "plain", "blockdev", "drbd", "rbd", "ext", "gluster"];
const LVM_TEMPLATES: DiskTemplate[] = ["plain", "drbd"];

export type StorageRequest = {
  enabled_disk_templates?: string[] | null;
  vg_name?: string | null;
  drbd_helper?: string | null;
  file_storage_dir?: string | null;
  shared_file_storage_dir?: string | null;
  ipolicy?: Record<string, unknown> | null;
};

/** Validates the storage changes; returns the cluster fields to set. `warn` receives Ganeti's warnings. */
export function planStorage(config: ConfigStore, p: StorageRequest, warn: (line: string) => void): Partial<Cluster> {
  const cluster = config.cluster;
  const changes: Partial<Cluster> = {};
  const enabled = p.enabled_disk_templates?.length ? checkTemplates(config, p.enabled_disk_templates) : cluster.enabled_disk_templates;
  if (p.enabled_disk_templates?.length) changes.enabled_disk_templates = enabled;
  const lvmEnabled = enabled.some((t) => LVM_TEMPLATES.includes(t));

  if (p.vg_name !== null && p.vg_name !== undefined) {
    if (p.vg_name === "" && lvmEnabled) throw new OpPrereqError("Cannot unset volume group if lvm-based disk templates are or get enabled.", "wrong_input");
    if (p.vg_name !== "" && !/^[\w.+-]+$/.test(p.vg_name)) throw new OpPrereqError(`Invalid volume group name '${p.vg_name}'`, "wrong_input");
    if (p.vg_name === cluster.volume_group_name) warn("- INFO: Cluster LVM configuration already in desired state, not changing");
    else changes.volume_group_name = p.vg_name;
  } else if (!cluster.volume_group_name && lvmEnabled) {
    throw new OpPrereqError("Please specify a volume group when enabling lvm-based disk-templates.", "wrong_input");
  }

  if (p.drbd_helper !== null && p.drbd_helper !== undefined) {
    if (p.drbd_helper === "") {
      if (enabled.includes("drbd")) throw new OpPrereqError("Cannot disable drbd helper while DRBD is enabled.", "wrong_state");
    } else if (!enabled.includes("drbd")) {
      warn("- INFO: Note that you specified a drbd user helper, but did not enable the drbd disk template.");
    }
    changes.drbd_usermode_helper = p.drbd_helper;
  } else if (enabled.includes("drbd") && !cluster.enabled_disk_templates.includes("drbd") && !cluster.drbd_usermode_helper) {
    throw new OpPrereqError("Cannot enable DRBD without a DRBD usermode helper set.", "wrong_state");
  }

  for (const [field, template] of [["file_storage_dir", "file"], ["shared_file_storage_dir", "sharedfile"]] as const) {
    const dir = p[field];
    if (dir === null || dir === undefined) continue;
    if (dir === "") {
      if (enabled.includes(template)) {
        throw new OpPrereqError(`Unsetting the '${template}' storage directory while having '${template}' storage enabled is not permitted.`, "wrong_input");
      }
    } else {
      if (!dir.startsWith("/")) throw new OpPrereqError(`The ${template} storage directory must be an absolute path, not '${dir}'`, "wrong_input");
      if (!enabled.includes(template)) warn(`- WARNING: Specified a ${template} storage directory, although ${template} storage is not enabled.`);
    }
    if (dir === cluster[field]) warn(`- INFO: Global ${template === "file" ? "" : "shared "}file storage dir already set to value '${dir}'`);
    else changes[field] = dir;
  }

  const policy = p.ipolicy && Object.keys(p.ipolicy).length ? (updatedIpolicy(cluster.ipolicy, p.ipolicy, false) as InstancePolicy) : cluster.ipolicy;
  const notEnabled = policy["disk-templates"].filter((t) => !enabled.includes(t));
  if (notEnabled.length) {
    throw new OpPrereqError(
      `The following disk templates are allowed by the ipolicy, but not enabled on the cluster: ${notEnabled.join(", ")} (change the policy too, e.g. --ipolicy-disk-templates=${enabled.join(",")})`,
      "wrong_input",
    );
  }
  if (policy !== cluster.ipolicy) {
    changes.ipolicy = policy;
    const violations = new Set<string>();
    for (const group of config.groups()) {
      for (const name of newViolations(config, group, groupPolicyWith(config, group, cluster.ipolicy), groupPolicyWith(config, group, policy))) violations.add(name);
    }
    if (violations.size) warn(`- WARNING: After the ipolicy change the following instances violate them: ${[...violations].sort().join(", ")}`);
  }
  return changes;
}

/** The new list of enabled templates: known, implemented by Gantry, and not taking away one that disks use. */
function checkTemplates(config: ConfigStore, requested: string[]): DiskTemplate[] {
  const invalid = requested.filter((t) => !GANETI_TEMPLATES.includes(t));
  if (invalid.length) throw new OpPrereqError(`Enabled disk templates contains invalid entries: ${invalid.join(", ")}`, "wrong_input");
  const unsupported = requested.filter((t) => !DISK_TEMPLATES.includes(t as DiskTemplate));
  if (unsupported.length) throw new OpPrereqError(`Disk template(s) ${unsupported.join(", ")} are not supported by Gantry (available: ${DISK_TEMPLATES.join(", ")})`, "wrong_input");
  const enabled = [...new Set(requested)] as DiskTemplate[];
  const disabled = config.cluster.enabled_disk_templates.filter((t) => !enabled.includes(t));
  for (const template of disabled) {
    const users = config.instances().filter((i) => i.disk_template === template);
    if (!users.length) continue;
    if (template === "diskless") {
      throw new OpPrereqError(`Cannot disable disk template 'diskless', because there is at least one instance using it:\n * ${users[0]!.name}`, "wrong_state");
    }
    const disks = users.flatMap((i) => config.instanceDisks(i).map((d) => `${d.iv_name} (on ${i.name})`));
    throw new OpPrereqError(`Cannot disable disk template '${template}', because there is at least one disk using it:\n * ${disks.join("\n * ")}`, "wrong_state");
  }
  return enabled;
}
