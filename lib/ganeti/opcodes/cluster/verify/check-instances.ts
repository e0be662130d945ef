// Cluster verify, instance part (Ganeti's _VerifyInstance): policy, volumes present on their nodes, running where
// and as the admin wants, disks healthy (DRBD in sync, nothing faulty), and nodes fit to hold the instance.
import type { ConfigStore } from "../../../config/config-store";
import { effectiveIpolicy } from "../../../objects/fill";
import type { Instance, NodeGroup } from "../../../objects/types";
import { instanceShape, policyViolations } from "../../instance/ipolicy";
import { expectedVolumes, volumeName, type DiskStatus, type Images } from "./gather";
import { CV, type VerifyReporter } from "./reporter";

/** Ganeti's LDS names; the virtual nodes' "degraded" local state is a resync in progress. */
const LDISK_NAMES = { ok: "ok", degraded: "syncing", faulty: "faulty" } as const;

export function checkInstance(config: ConfigStore, group: NodeGroup, instance: Instance, images: Images, disks: DiskStatus, r: VerifyReporter): void {
  const name = instance.name;
  const nodeName = (uuid: string) => config.node(uuid)?.name ?? uuid;
  const primary = images.get(instance.primary_node);
  const primaryName = nodeName(instance.primary_node);
  r.detail(`Verifying instance ${name}`);

  const violations = policyViolations(effectiveIpolicy(config.cluster, group), instanceShape(config, instance));
  r.errorIf(violations.length, CV.EINSTANCEPOLICY, name, violations.join(", "), "WARNING");

  for (const [node, keys] of expectedVolumes(config, instance)) {
    const image = images.get(node);
    // Missing volumes on offline or unreachable nodes are not reported: the node's own error says enough.
    if (!image || image.node.offline || image.rpcFail) continue;
    for (const key of keys) r.errorIf(!image.volumes.has(key), CV.EINSTANCEMISSINGDISK, name, `volume ${volumeName(key)} missing on node ${nodeName(node)}`);
  }

  const primaryOffline = Boolean(primary?.node.offline);
  const runningOnPrimary = Boolean(primary?.running.has(name));
  if (instance.admin_state === "up") {
    r.errorIf(!runningOnPrimary && !primaryOffline, CV.EINSTANCEDOWN, name, `instance not running on its primary node ${primaryName}`);
    r.errorIf(primaryOffline, CV.EINSTANCEBADNODE, name, `instance is marked as running and lives on offline node ${primaryName}`);
  } else {
    r.errorIf(runningOnPrimary, CV.EINSTANCEUP, name, `instance is running on its primary node ${primaryName} but is marked ${instance.admin_state}`);
  }

  for (const [node, list] of disks.get(instance.uuid) ?? []) {
    const image = images.get(node);
    const badNode = !image || image.node.offline;
    for (const { disk, result } of list) {
      if (!instance.disks_active) continue;
      if (!result.ok) {
        r.errorIf(!badNode, CV.EINSTANCEFAULTYDISK, name, `couldn't retrieve status for ${disk.iv_name} on ${nodeName(node)}: ${result.error}`);
      } else if (result.status.is_degraded) {
        const state = result.status.ldisk_status;
        r.error(CV.EINSTANCEFAULTYDISK, name, `${disk.iv_name} on ${nodeName(node)} is degraded; local disk state is '${LDISK_NAMES[state]}'`, state === "faulty" ? "ERROR" : "WARNING");
      }
    }
  }

  r.errorIf(primary?.rpcFail && !primaryOffline, CV.ENODERPC, primaryName, `instance ${name}, connection to primary node failed`);
  const secondaries = config.secondaryNodes(instance);
  r.errorIf(secondaries.length > 1, CV.EINSTANCELAYOUT, name, `instance has multiple secondary nodes: ${secondaries.map(nodeName).join(", ")}`, "WARNING");
  if (instance.disk_template === "drbd") {
    const groups = new Set(config.instanceNodes(instance).map((n) => config.node(n)?.group));
    const pretty = [...groups].map((g) => `${config.instanceNodes(instance).filter((n) => config.node(n)?.group === g).map(nodeName).join(", ")} (group ${config.group(g ?? "")?.name ?? g})`);
    r.errorIf(groups.size > 1, CV.EINSTANCESPLITGROUPS, name, `instance has primary and secondary nodes in different groups: ${pretty.join(", ")}`, "WARNING");
  }
  const offlineSecondaries: string[] = [];
  for (const node of secondaries) {
    const image = images.get(node);
    r.errorIf(image?.rpcFail && !image.node.offline, CV.ENODERPC, nodeName(node), `instance ${name}, connection to secondary node failed`);
    if (config.node(node)?.offline) offlineSecondaries.push(nodeName(node));
  }
  r.errorIf(offlineSecondaries.length, CV.EINSTANCEBADNODE, name, `instance has offline secondary node(s) ${offlineSecondaries.join(", ")}`);
  for (const node of config.instanceNodes(instance)) {
    const known = config.node(node);
    r.errorIf(!known, CV.EINSTANCEBADNODE, name, `instance lives on ghost node ${node}`);
    r.errorIf(known && !known.vm_capable, CV.EINSTANCEBADNODE, name, `instance lives on non-vm_capable node ${nodeName(node)}`);
  }
}
